"use server";
// A refusal that also changes the page (a block hides a method) keeps its form state and redraws: not an ending.
// eslint-disable-next-line no-restricted-imports
import { refresh } from "next/cache";
import { z } from "zod";
import { emailField, newPasswordFields } from "@/lib/fields";
import { fieldErrors, formError, goTo, redirectTo, redrawAt, type Destination, type FormState } from "@/lib/form-state";
import { ANSWER_MAX, normalizeAnswer } from "@/lib/security-questions";
import { readCaptchaId } from "@/web/captcha-cookie";
import { anyone } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { translateFieldErrors } from "@/web/i18n";
import { sendNoticeAfterResponse } from "@/web/notices";
import { completeRecovery } from "@/server/recovery/complete-recovery";
import { clearRecoveryCookie, readRecoveryFlowId, setRecoveryCookie } from "@/web/recovery-cookie";
import { sendRecoveryCode } from "@/server/recovery/send-recovery-code";
import { startRecovery } from "@/server/recovery/start-recovery";
import { verifyAppCode } from "@/server/recovery/verify-app-code";
import { verifyRecoveryCode } from "@/server/recovery/verify-recovery-code";
import { verifySecurityAnswers } from "@/server/recovery/verify-security-answers";
import {
  answersFailureState,
  appCodeFailureState,
  codeFailureState,
  flowRedirect,
  sendFailureState,
  startFailureState,
  DONE_PATH,
  WIZARD_PATH,
} from "./form-states";
import { messageKey } from "@/lib/message-ref";

// Schema messages are catalog keys; createAction words them in the reader's language.
const startSchema = z.object({
  email: emailField,
  captcha: z
    .string({ error: messageKey("Recovery.errors.captchaRequired") })
    .trim()
    .min(1, messageKey("Recovery.errors.captchaRequired"))
    .max(16, messageKey("Recovery.errors.captchaTooLong")),
});

const codeSchema = z.object({
  code: z
    .string({ error: messageKey("Recovery.errors.codeRequired") })
    .max(32, messageKey("Recovery.errors.codeInvalid"))
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, messageKey("Recovery.errors.codeInvalid"))),
});

/** An answer: at most ANSWER_MAX characters once normalized (the raw text may hold some more spaces). */
const answer = z.string({ error: messageKey("Recovery.errors.answerRequired") }).superRefine((v, ctx) => {
  const normalized = v.length > ANSWER_MAX * 4 ? null : normalizeAnswer(v);
  if (normalized === null || [...normalized].length > ANSWER_MAX)
    ctx.addIssue({
      code: "too_big",
      origin: "string",
      maximum: ANSWER_MAX,
      inclusive: true,
      input: v,
      message: messageKey("Recovery.errors.answerTooLong"),
    });
  else if (!normalized.length) ctx.addIssue({ code: "custom", input: v, message: messageKey("Recovery.errors.answerRequired") });
});
const answersSchema = z.object({ answer1: answer, answer2: answer, answer3: answer });

const resetSchema = z.object(newPasswordFields);

/** Step 1: a new flow, its token in the cookie, on to "Verify identity". */
export const startRecoveryAction = createAction({
  name: "recovery.start",
  guard: anyone,
  schema: startSchema,
  run: async (data, { meta, t }) => {
    const input = { address: data.email, captchaId: await readCaptchaId(), captchaAnswer: data.captcha };
    const result = await startRecovery({ flowId: await readRecoveryFlowId(), ...input }, meta);
    if (!result.ok) return startFailureState(t, result, data.email);
    await setRecoveryCookie(result.flowId);
    return redrawAt(WIZARD_PATH);
  },
});

/** Shows the wizard's next step when the flow moved on, leaves when it ended; otherwise hands back the form's state. */
function settle<R extends { ok: boolean; error?: string }>(
  result: R,
  failure: (r: Extract<R, { ok: false }>) => FormState,
): FormState | Destination {
  const to = result.ok ? WIZARD_PATH : flowRedirect(result.error ?? "");
  if (to === WIZARD_PATH) return redrawAt(WIZARD_PATH);
  if (to) return goTo(to);
  return failure(result as Extract<R, { ok: false }>);
}

/** "Send code" of the SMS or the email panel: the method rides in a hidden field. */
export const sendCodeAction = createAction({
  name: "recovery.send_code",
  guard: anyone,
  schema: z.object({ method: z.enum(["SMS", "EMAIL"], { error: messageKey("Recovery.errors.methodUnavailable") }) }),
  run: async (data, { meta, t }) =>
    settle(await sendRecoveryCode({ flowId: await readRecoveryFlowId(), method: data.method }, meta), (r) =>
      sendFailureState(t, r, data.method),
    ),
});

export const verifyCodeAction = createAction({
  name: "recovery.verify_code",
  guard: anyone,
  schema: codeSchema,
  run: async (data, { meta, t }) =>
    settle(await verifyRecoveryCode({ flowId: await readRecoveryFlowId(), code: data.code }, meta), (r) => codeFailureState(t, r)),
});

/** "Authenticator app" or "Recovery code" (accounts with an app): the method rides in a hidden field. */
export const verifyAppCodeAction = createAction({
  name: "recovery.verify_app_code",
  guard: anyone,
  schema: z.object({
    method: z.enum(["TOTP", "RECOVERY_CODE"], { error: messageKey("Recovery.errors.methodUnavailable") }),
    code: z
      .string({ error: messageKey("Recovery.errors.appCodeRequired") })
      .trim()
      .min(1, messageKey("Recovery.errors.appCodeRequired"))
      .max(32, messageKey("Recovery.errors.appCodeInvalid")),
  }),
  run: async (data, { meta, t }) => {
    // An app's code is 6 digits (spaces dropped); a recovery code is read as typed (its own normalizing).
    const code = data.method === "TOTP" ? data.code.replace(/\s+/g, "") : data.code;
    return settle(await verifyAppCode({ flowId: await readRecoveryFlowId(), method: data.method, code }, meta), (r) =>
      appCodeFailureState(t, r),
    );
  },
});

export const verifyAnswersAction = createAction({
  name: "recovery.verify_answers",
  guard: anyone,
  schema: answersSchema,
  run: async (data, { meta, t }) => {
    const result = await verifySecurityAnswers(
      { flowId: await readRecoveryFlowId(), answers: [data.answer1, data.answer2, data.answer3] },
      meta,
    );
    // A block changes the method list the page shows.
    if (!result.ok && result.error === "questions_blocked") refresh();
    return settle(result, (r) => answersFailureState(t, r));
  },
});

/** Step 3. On success the flow is over: the cookie goes, and the page shows "Reset succeeded" once. */
export const completeRecoveryAction = createAction({
  name: "recovery.complete",
  guard: anyone,
  schema: resetSchema,
  run: async (data, { meta, t }) => {
    const result = await completeRecovery({ flowId: await readRecoveryFlowId(), ...data }, meta);
    if (result.ok) {
      sendNoticeAfterResponse(result.notices);
      await clearRecoveryCookie();
      return redirectTo(DONE_PATH);
    }
    if (result.error === "invalid") return fieldErrors(translateFieldErrors(t, result.fieldErrors));
    return settle(result, () => formError(t("Recovery.errors.expired")));
  },
});
