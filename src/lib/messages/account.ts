import type { QuestionErrors } from "@/lib/security-questions";
import type { FieldErrors } from "@/lib/form-state";

/** What the Account Security forms say; the actions map domain results onto these. */
export const WRONG_PASSWORD = "The current password is incorrect.";
export const SAME_NUMBER = "This number is already your secure mobile.";
export const SEND_FAILED_NEW = "We could not send a code to this number. Check the number, or try again later.";
const SEND_FAILED_AGAIN = "We could not send the code. Please try again in a moment.";
const BINDING_GONE = "This request has expired. Enter your mobile number again.";
export const NO_MOBILE = "No secure mobile is bound to this account.";
export const SESSION_GONE = "This session has already ended.";
export const SESSION_IS_CURRENT = "Use Log Off to end the session of this browser.";

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function minutes(ms: number): string {
  const n = Math.max(1, Math.ceil(ms / 60_000));
  return n === 1 ? "1 minute" : `${n} minutes`;
}

/** Messages for the refusals shared by "Send code" and "Send a new code". */
export type IssueRefusal =
  | { error: "resend_wait"; waitMs: number }
  | { error: "rate_limited"; retryAfterMs: number }
  | { error: "no_pending" }
  | { error: "send_failed" };

export function issueRefusal(r: IssueRefusal): string {
  switch (r.error) {
    case "resend_wait":
      return `Please wait ${seconds(r.waitMs)} seconds before requesting another code.`;
    case "rate_limited":
      return `Too many codes were requested for this account. Try again in ${minutes(r.retryAfterMs)}.`;
    case "no_pending":
      return BINDING_GONE;
    case "send_failed":
      return SEND_FAILED_AGAIN;
  }
}

export function wrongCode(attemptsLeft: number): string {
  return `The code is incorrect. ${attemptsLeft} ${attemptsLeft === 1 ? "try" : "tries"} left.`;
}

export const CODE_VOIDED = "Too many wrong codes: this code no longer works. Send a new code.";
export const CODE_EXPIRED = "The code has expired. Send a new code.";
export const NO_CODE = "There is no code waiting to be checked. Send a new code.";

/** Question-set errors next to their fields: answers by position, the set's error on the question that breaks it. */
export function questionFieldErrors(errors: QuestionErrors, questions: string[]): FieldErrors {
  const out: FieldErrors = {};
  errors.answers.forEach((e, i) => {
    if (e) out[`answer${i + 1}`] = e;
  });
  if (errors.questions) {
    const culprits = questions.map((q, i) => i).filter((i) => questions.indexOf(questions[i]) !== i);
    for (const i of culprits.length ? culprits : [0]) out[`question${i + 1}`] = errors.questions;
  }
  return out;
}
