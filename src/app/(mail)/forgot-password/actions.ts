"use server";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { emailField, passwordInput } from "@/lib/fields";
import { fieldErrors, formError, type FormState } from "@/lib/form-state";
import { RECOVERY_MESSAGES } from "@/lib/messages/recovery";
import { ANSWER_MAX, normalizeAnswer } from "@/lib/security-questions";
import { readCaptchaId } from "@/web/captcha-cookie";
import { anyone } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { sendNoticeAfterResponse } from "@/web/notices";
import { completeRecovery } from "@/server/recovery/complete-recovery";
import { clearRecoveryCookie, readRecoveryFlowId, setRecoveryCookie } from "@/web/recovery-cookie";
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

/** Step 1: a new flow, its token in the cookie, on to "Verify identity". */
export const startRecoveryAction = createAction({
  name: "recovery.start",
  guard: anyone,
  schema: startSchema,
  run: async (data, { meta }) => {
    const input = { address: data.email, captchaId: await readCaptchaId(), captchaAnswer: data.captcha };
    const result = await startRecovery(await readRecoveryFlowId(), input, meta);
    if (!result.ok) return startFailureState(result, data.email);
    await setRecoveryCookie(result.flowId);
    redirect(WIZARD_PATH);
  },
});

/** Leaves for the page when the flow moved on or ended; otherwise hands back the form's state. */
function settle<R extends { ok: boolean; error?: string }>(result: R, failure: (r: Extract<R, { ok: false }>) => FormState): FormState {
  const to = result.ok ? WIZARD_PATH : flowRedirect(result.error ?? "");
  if (to) redirect(to);
  return failure(result as Extract<R, { ok: false }>);
}

export const sendCodeAction = createAction({
  name: "recovery.send_code",
  guard: anyone,
  schema: z.object({}),
  run: async (_data, { meta }) => settle(await sendRecoveryCode(await readRecoveryFlowId(), {}, meta), sendFailureState),
});

export const verifyCodeAction = createAction({
  name: "recovery.verify_code",
  guard: anyone,
  schema: codeSchema,
  run: async (data, { meta }) => settle(await verifyRecoveryCode(await readRecoveryFlowId(), { code: data.code }, meta), codeFailureState),
});

export const verifyAnswersAction = createAction({
  name: "recovery.verify_answers",
  guard: anyone,
  schema: answersSchema,
  run: async (data, { meta }) => {
    const result = await verifySecurityAnswers(await readRecoveryFlowId(), { answers: [data.answer1, data.answer2, data.answer3] }, meta);
    // A block changes the method list the page shows.
    if (!result.ok && result.error === "questions_blocked") refresh();
    return settle(result, answersFailureState);
  },
});

/** Step 3. On success the flow is over: the cookie goes, and the page shows "Reset succeeded" once. */
export const completeRecoveryAction = createAction({
  name: "recovery.complete",
  guard: anyone,
  schema: resetSchema,
  run: async (data, { meta }) => {
    const result = await completeRecovery(await readRecoveryFlowId(), data, meta);
    if (result.ok) {
      sendNoticeAfterResponse(result.notice);
      await clearRecoveryCookie();
      redirect(DONE_PATH);
    }
    if (result.error === "invalid") return fieldErrors(result.fieldErrors);
    return settle(result, () => formError(RECOVERY_MESSAGES.expired));
  },
});
