/**
 * Everything the Forgot Password wizard says, in one place: actions map
 * domain results here, the page maps flow notices here, and the tests check
 * that refusals which must not tell accounts apart are the same string.
 */
export const RECOVERY_MESSAGES = {
  unavailable: "Self-service reset is not available for this account. Contact your email administrator (postmaster).",
  captcha: "The image verification code is incorrect. Enter the characters in the new image.",
  startsLimited: "Too many password resets were started from your network. Try again in an hour.",
  expired: "Your reset session has expired. Start again.",
  tooManyCodes: "Verification failed too many times. Start again.",
  codeExpired: "The code has expired. Send a new code.",
  noCode: "Send a code to your secure mobile first.",
  sendFailed: "We could not send the code. Check back later or use another method.",
  capped: "Codes cannot be sent right now. Check back later or use another method.",
  methodUnavailable: "This method is not available for this account. Choose another method.",
  questionsBlocked:
    "Questions are blocked for 24 hours after too many failed tries. Use another method or contact your email administrator (postmaster).",
  busy: "The service is busy. Please try again in a moment.",
} as const;

/** "Verification failed. 4 tries left." — never which part was wrong. */
export function verificationFailed(triesLeft: number): string {
  return `Verification failed. ${triesLeft} ${triesLeft === 1 ? "try" : "tries"} left.`;
}

export function resendWait(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return `Wait ${s} ${s === 1 ? "second" : "seconds"}, then send a new code.`;
}

export function sendLimited(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  const when = minutes >= 90 ? `${Math.ceil(minutes / 60)} hours` : `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
  return `Too many codes were requested. Try again in ${when} or use another method.`;
}

/** Notices the first step can show, from the state of an ended flow (or ?notice=). */
export type RecoveryNotice = "expired" | "too_many_codes" | "unavailable";

export const NOTICE_MESSAGES: Record<RecoveryNotice, string> = {
  expired: RECOVERY_MESSAGES.expired,
  too_many_codes: RECOVERY_MESSAGES.tooManyCodes,
  unavailable: RECOVERY_MESSAGES.unavailable,
};
