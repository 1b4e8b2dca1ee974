import { fieldErrors, formError, type FormState } from "@/lib/form-state";
import type { FlowError } from "@/server/recovery/load-recovery-flow";
import type { StartRecoveryResult } from "@/server/recovery/start-recovery";
import type { CodeMethod, SendRecoveryCodeResult } from "@/server/recovery/send-recovery-code";
import type { VerifyAppCodeResult } from "@/server/recovery/verify-app-code";
import type { VerifyRecoveryCodeResult } from "@/server/recovery/verify-recovery-code";
import type { VerifySecurityAnswersResult } from "@/server/recovery/verify-security-answers";
import type { Translator } from "@/web/i18n";

/**
 * Domain results of the Forgot Password wizard → what the form shows, in the
 * reader's language (`t`). Pure, so tests can check that refusals which must
 * look alike are the same, in every language.
 */
export const WIZARD_PATH = "/forgot-password";
/** Where a finished reset lands: its flow (and cookie) are gone, so the page is told to show step 4. */
export const DONE_PATH = `${WIZARD_PATH}?done=1`;

type Failure<R> = Extract<R, { ok: false }>;

/** Where to go when the flow cannot take this step: back to the page, which shows the right step or notice. */
export function flowRedirect(error: string): string | null {
  const errors: Record<FlowError | "account_blocked" | "too_many", string> = {
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

/** "Verification failed. 4 tries left." — never which part was wrong. */
const verificationFailed = (t: Translator, triesLeft: number) => t("Recovery.errors.verificationFailed", { count: triesLeft });

export function startFailureState(t: Translator, result: Failure<StartRecoveryResult>, email: string): FormState {
  const values = { email };
  if (result.error === "captcha") return fieldErrors({ captcha: [t("Recovery.errors.captcha")] }, values);
  return formError(result.error === "rate_limited" ? t("Recovery.errors.startsLimited") : t("Recovery.errors.unavailable"), {}, values);
}

/** "Try again in 45 minutes" up to 89 minutes, then in whole hours. */
function sendLimited(t: Translator, retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return minutes >= 90
    ? t("Recovery.errors.sendLimitedHours", { hours: Math.ceil(minutes / 60) })
    : t("Recovery.errors.sendLimitedMinutes", { minutes });
}

export function sendFailureState(t: Translator, result: Failure<SendRecoveryCodeResult>, method: CodeMethod): FormState {
  switch (result.error) {
    case "resend_wait":
      return formError(t("Recovery.errors.resendWait", { seconds: Math.max(1, Math.ceil(result.waitMs / 1000)) }));
    case "send_limit":
      return formError(sendLimited(t, result.retryAfterMs));
    case "capped":
      return formError(t("Recovery.errors.capped"));
    case "method_unavailable":
      return formError(t("Recovery.errors.methodUnavailable"));
    default:
      return formError(method === "EMAIL" ? t("Recovery.errors.emailSendFailed") : t("Recovery.errors.sendFailed"));
  }
}

export function codeFailureState(t: Translator, result: Failure<VerifyRecoveryCodeResult>): FormState {
  switch (result.error) {
    case "wrong_code":
      return fieldErrors({ code: [verificationFailed(t, result.triesLeft)] });
    case "code_expired":
      return fieldErrors({ code: [t("Recovery.errors.codeExpired")] });
    case "method_unavailable":
      return formError(t("Recovery.errors.methodUnavailable"));
    default:
      return formError(t("Recovery.errors.noCode"));
  }
}

export function appCodeFailureState(t: Translator, result: Failure<VerifyAppCodeResult>): FormState {
  if (result.error === "wrong_code") return fieldErrors({ code: [verificationFailed(t, result.triesLeft)] });
  return formError(t("Recovery.errors.methodUnavailable"));
}

export function answersFailureState(t: Translator, result: Failure<VerifySecurityAnswersResult>): FormState {
  switch (result.error) {
    case "wrong_answers":
      return formError(verificationFailed(t, result.triesLeft));
    case "questions_blocked":
      return formError(t("Recovery.errors.questionsBlocked"));
    default:
      return formError(t("Recovery.errors.methodUnavailable"));
  }
}
