import { formError, type FormState } from "@/lib/form-state";
import type { MessageKey } from "@/lib/message-ref";
import type { FlowError } from "@/server/recovery/internal/load-recovery-flow";
import type { StartRecoveryResult } from "@/server/recovery/start-recovery";
import type { CodeMethod, SendRecoveryCodeResult } from "@/server/recovery/send-recovery-code";
import type { VerifyAppCodeResult } from "@/server/recovery/verify-app-code";
import type { VerifyRecoveryCodeResult } from "@/server/recovery/verify-recovery-code";
import type { VerifySecurityAnswersResult } from "@/server/recovery/verify-security-answers";
import type { Translator } from "@/web/i18n";
import { refusalState, waitMinutes, type RefusalTable } from "@/web/refusals";

/**
 * Domain results of the Forgot Password wizard → what the form shows, in the
 * reader's language (`t`). Pure, so tests can check that refusals which must
 * look alike are the same, in every language.
 */
export const WIZARD_PATH = "/forgot-password";
/** Where a finished reset lands: its flow (and cookie) are gone, so the page is told to show step 4. */
export const DONE_PATH = `${WIZARD_PATH}?done=1`;

type Failure<R> = Extract<R, { ok: false }>;
type Code<R> = R extends { ok: false; error: infer C extends string } ? C : never;
/** What the flow itself refuses (flowRedirect sends these back to the page before any form shows them). */
type FlowRefusal = FlowError | "account_blocked" | "too_many";

/** Where to go when the flow cannot take this step: back to the page, which shows the right step or notice. */
export function flowRedirect(error: string): string | null {
  const errors: Record<FlowRefusal, string> = {
    // No cookie any more (it lives as long as the flow): say why we are back at step 1.
    no_flow: `${WIZARD_PATH}?notice=expired`,
    expired: WIZARD_PATH,
    ended: WIZARD_PATH,
    out_of_order: WIZARD_PATH,
    account_blocked: WIZARD_PATH,
    too_many: WIZARD_PATH,
  };
  return (errors as Record<string, string>)[error] ?? null;
}

/** "Verification failed. 4 tries left." — never which part was wrong, whichever part it was. */
const VERIFICATION_FAILED = "Recovery.errors.verificationFailed" satisfies MessageKey;
const METHOD_UNAVAILABLE = "Recovery.errors.methodUnavailable" satisfies MessageKey;
/** A refusal of the flow itself, should a form still show it: the step's general refusal. */
const flowRefusals = (key: MessageKey): Record<FlowRefusal, MessageKey> => ({
  no_flow: key,
  expired: key,
  ended: key,
  out_of_order: key,
  account_blocked: key,
  too_many: key,
});

/** "Send code" ("send_limit" is worded in minutes or hours: sendLimited). */
const sendRefusals = (sendFailed: MessageKey) => ({
  keys: {
    ...flowRefusals(sendFailed),
    resend_wait: "Recovery.errors.resendWait",
    send_limit: "Recovery.errors.sendLimitedMinutes",
    capped: "Recovery.errors.capped",
    method_unavailable: METHOD_UNAVAILABLE,
    send_failed: sendFailed,
  } satisfies Record<Code<SendRecoveryCodeResult>, MessageKey>,
});

/**
 * The Forgot Password wizard's refusals, step by step: each code → its
 * catalog key (and the field it shows under). Refusals that must look alike
 * (a wrong code, wrong answers) share one key.
 */
export const RECOVERY_REFUSALS = {
  /** Step 1, Next. */
  start: {
    keys: {
      captcha: "Recovery.errors.captcha",
      rate_limited: "Recovery.errors.startsLimited",
      unavailable: "Recovery.errors.unavailable",
    } satisfies Record<Code<StartRecoveryResult>, MessageKey>,
    fields: { captcha: "captcha" },
  },
  /** Send code, by SMS and by email: the same refusals, but a failed send names the channel. */
  sendSms: sendRefusals("Recovery.errors.sendFailed"),
  sendEmail: sendRefusals("Recovery.errors.emailSendFailed"),
  /** The code sent by SMS or email, Next. */
  code: {
    keys: {
      ...flowRefusals("Recovery.errors.noCode"),
      wrong_code: VERIFICATION_FAILED,
      code_expired: "Recovery.errors.codeExpired",
      method_unavailable: METHOD_UNAVAILABLE,
      no_code: "Recovery.errors.noCode",
    } satisfies Record<Code<VerifyRecoveryCodeResult>, MessageKey>,
    fields: { wrong_code: "code", code_expired: "code" },
  },
  /** The authenticator app's code or a recovery code, Next. */
  appCode: {
    keys: {
      ...flowRefusals(METHOD_UNAVAILABLE),
      wrong_code: VERIFICATION_FAILED,
      method_unavailable: METHOD_UNAVAILABLE,
    } satisfies Record<Code<VerifyAppCodeResult>, MessageKey>,
    fields: { wrong_code: "code" },
  },
  /** The security questions, Next. */
  answers: {
    keys: {
      ...flowRefusals(METHOD_UNAVAILABLE),
      wrong_answers: VERIFICATION_FAILED,
      questions_blocked: "Recovery.errors.questionsBlocked",
      method_unavailable: METHOD_UNAVAILABLE,
    } satisfies Record<Code<VerifySecurityAnswersResult>, MessageKey>,
  },
} satisfies Record<string, RefusalTable<string>>;

export function startFailureState(t: Translator, result: Failure<StartRecoveryResult>, email: string): FormState {
  return refusalState(t, RECOVERY_REFUSALS.start, result, { email });
}

/** "Try again in 45 minutes" up to 89 minutes, then in whole hours. */
function sendLimited(t: Translator, retryAfterMs: number): string {
  const minutes = waitMinutes(retryAfterMs);
  return minutes >= 90
    ? t("Recovery.errors.sendLimitedHours", { hours: Math.ceil(minutes / 60) })
    : t("Recovery.errors.sendLimitedMinutes", { minutes });
}

export function sendFailureState(t: Translator, result: Failure<SendRecoveryCodeResult>, method: CodeMethod): FormState {
  if (result.error === "send_limit") return formError(sendLimited(t, result.retryAfterMs));
  return refusalState(t, method === "EMAIL" ? RECOVERY_REFUSALS.sendEmail : RECOVERY_REFUSALS.sendSms, result);
}

export function codeFailureState(t: Translator, result: Failure<VerifyRecoveryCodeResult>): FormState {
  return refusalState(t, RECOVERY_REFUSALS.code, result);
}

export function appCodeFailureState(t: Translator, result: Failure<VerifyAppCodeResult>): FormState {
  return refusalState(t, RECOVERY_REFUSALS.appCode, result);
}

export function answersFailureState(t: Translator, result: Failure<VerifySecurityAnswersResult>): FormState {
  return refusalState(t, RECOVERY_REFUSALS.answers, result);
}
