import { fieldErrors, formError, type FormState } from "@/lib/form-state";
import type { FlowError } from "@/server/recovery/load-recovery-flow";
import { RECOVERY_MESSAGES as M, resendWait, sendLimited, verificationFailed } from "@/lib/messages/recovery";
import type { StartRecoveryResult } from "@/server/recovery/start-recovery";
import type { SendRecoveryCodeResult } from "@/server/recovery/send-recovery-code";
import type { VerifyRecoveryCodeResult } from "@/server/recovery/verify-recovery-code";
import type { VerifySecurityAnswersResult } from "@/server/recovery/verify-security-answers";

/**
 * Domain results of the Forgot Password wizard → what the form shows. Pure,
 * so tests can check that refusals which must look alike are the same.
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

export function startFailureState(result: Failure<StartRecoveryResult>, email: string): FormState {
  const values = { email };
  if (result.error === "captcha") return fieldErrors({ captcha: [M.captcha] }, values);
  return formError(result.error === "rate_limited" ? M.startsLimited : M.unavailable, {}, values);
}

export function sendFailureState(result: Failure<SendRecoveryCodeResult>): FormState {
  switch (result.error) {
    case "resend_wait":
      return formError(resendWait(result.waitMs));
    case "send_limit":
      return formError(sendLimited(result.retryAfterMs));
    case "capped":
      return formError(M.capped);
    case "method_unavailable":
      return formError(M.methodUnavailable);
    default:
      return formError(M.sendFailed);
  }
}

export function codeFailureState(result: Failure<VerifyRecoveryCodeResult>): FormState {
  switch (result.error) {
    case "wrong_code":
      return fieldErrors({ code: [verificationFailed(result.triesLeft)] });
    case "code_expired":
      return fieldErrors({ code: [M.codeExpired] });
    case "method_unavailable":
      return formError(M.methodUnavailable);
    default:
      return formError(M.noCode);
  }
}

export function answersFailureState(result: Failure<VerifySecurityAnswersResult>): FormState {
  switch (result.error) {
    case "wrong_answers":
      return formError(verificationFailed(result.triesLeft));
    case "questions_blocked":
      return formError(M.questionsBlocked);
    default:
      return formError(M.methodUnavailable);
  }
}
