"use server";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { emailField, passwordInput } from "@/lib/fields";
import type { FormState } from "@/lib/form-state";
import { ANSWER_MAX, normalizeAnswer } from "@/lib/security-questions";
import { validatedAction } from "@/server/actions/validated-action";
import { readCaptchaId } from "@/server/captcha/captcha-cookie";
import { getRequestMeta } from "@/server/request-meta";
import { completeRecovery } from "@/server/recovery/complete-recovery";
import { clearRecoveryCookie, readRecoveryFlowId, setRecoveryCookie } from "@/server/recovery/recovery-cookie";
import { sendRecoveryCode } from "@/server/recovery/send-recovery-code";
import { startRecovery } from "@/server/recovery/start-recovery";
import { verifyRecoveryCode } from "@/server/recovery/verify-recovery-code";
import { verifySecurityAnswers } from "@/server/recovery/verify-security-answers";
import {
  answersFailureState,
  codeFailureState,
  flowRedirect,
  sendFailureState,
  startFailureState,
  DONE_PATH,
  WIZARD_PATH,
} from "./form-states";

const startSchema = z.object({
  email: emailField,
  captcha: z
    .string({ error: "Enter the image verification code." })
    .trim()
    .min(1, "Enter the image verification code.")
    .max(16, "Enter the characters shown in the image."),
});

const codeSchema = z.object({
  code: z
    .string({ error: "Enter the code from the SMS." })
    .max(32, "Enter the 6-digit code from the SMS.")
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from the SMS.")),
});

const answer = z
  .string({ error: "Enter your answer." })
  .max(ANSWER_MAX * 4, `An answer has at most ${ANSWER_MAX} characters.`)
  .refine((v) => normalizeAnswer(v).length > 0, "Enter your answer.")
  .refine((v) => [...normalizeAnswer(v)].length <= ANSWER_MAX, `An answer has at most ${ANSWER_MAX} characters.`);
const answersSchema = z.object({ answer1: answer, answer2: answer, answer3: answer });

const resetSchema = z.object({ password: passwordInput("a new password"), confirmPassword: passwordInput("the new password again") });

/** Step 1: a new flow, its id in the cookie, on to "Verify identity". */
export const startRecoveryAction = validatedAction(startSchema, async (data): Promise<FormState> => {
  const input = { address: data.email, captchaId: await readCaptchaId(), captchaAnswer: data.captcha };
  const result = await startRecovery(await readRecoveryFlowId(), input, await getRequestMeta());
  if (!result.ok) return startFailureState(result, data.email);
  await setRecoveryCookie(result.flowId);
  redirect(WIZARD_PATH);
});

/** Leaves for the page when the flow moved on or ended; otherwise hands back the form's state. */
function settle<R extends { ok: boolean; error?: string }>(result: R, failure: (r: Extract<R, { ok: false }>) => FormState): FormState {
  const to = result.ok ? WIZARD_PATH : flowRedirect(result.error ?? "");
  if (to) redirect(to);
  return failure(result as Extract<R, { ok: false }>);
}

export const sendCodeAction = validatedAction(z.object({}), async (): Promise<FormState> => {
  const result = await sendRecoveryCode(await readRecoveryFlowId(), {}, await getRequestMeta());
  return settle(result, sendFailureState);
});

export const verifyCodeAction = validatedAction(codeSchema, async (data): Promise<FormState> => {
  const result = await verifyRecoveryCode(await readRecoveryFlowId(), { code: data.code }, await getRequestMeta());
  return settle(result, codeFailureState);
});

export const verifyAnswersAction = validatedAction(answersSchema, async (data): Promise<FormState> => {
  const answers = [data.answer1, data.answer2, data.answer3];
  const result = await verifySecurityAnswers(await readRecoveryFlowId(), { answers }, await getRequestMeta());
  // A block changes the method list the page shows.
  if (!result.ok && result.error === "questions_blocked") refresh();
  return settle(result, answersFailureState);
});

/** Step 3. On success the flow is over: the cookie goes, and the page shows "Reset succeeded" once. */
export const completeRecoveryAction = validatedAction(resetSchema, async (data): Promise<FormState> => {
  const result = await completeRecovery(await readRecoveryFlowId(), data, await getRequestMeta());
  if (result.ok) {
    await clearRecoveryCookie();
    redirect(DONE_PATH);
  }
  if (result.error === "invalid") return { status: "error", fieldErrors: result.fieldErrors, attempt: Date.now() };
  return settle(result, () => ({ status: "error", fieldErrors: {}, attempt: Date.now() }));
});
