import "server-only";
import { randomInt } from "node:crypto";
import { SMS_CODE } from "@/lib/sms-code";
import { hmacDigest, hmacMatches } from "@/server/security/hmac";

/**
 * SMS verification codes (SECURITY.md "SMS code"), shared by the Forgot
 * Password wizard and the secure-mobile binding: 6 digits from the CSPRNG,
 * valid 5 minutes, one use, 5 wrong entries void it, resend after 60 s.
 * Stored only as an HMAC bound to its scope (flow or binding id).
 */
export { SMS_CODE } from "@/lib/sms-code";

export function generateSmsCode(): string {
  return String(randomInt(0, 10 ** SMS_CODE.digits)).padStart(SMS_CODE.digits, "0");
}

export function smsCodeDigest(scope: string, code: string): string {
  return hmacDigest(`sms-code:${scope}`, code);
}

export interface CodeState {
  codeHash: string | null;
  codeExpiresAt: Date | null;
  codeAttempts: number;
  codeSentAt: Date | null;
}

export function resendWaitMs(state: Pick<CodeState, "codeSentAt">, at: Date): number {
  if (!state.codeSentAt) return 0;
  return Math.max(0, state.codeSentAt.getTime() + SMS_CODE.resendAfterMs - at.getTime());
}

export type CodeCheck = "ok" | "none" | "expired" | "wrong" | "exhausted";

/**
 * Judges an entered code. "wrong" and "exhausted" mean the caller must count
 * the attempt (atomically: `codeAttempts: { increment: 1 }` where attempts
 * are still below the maximum); "exhausted" is the 5th wrong entry, which
 * voids the code. A code is valid up to and including its expiry instant.
 */
export function checkSmsCode(state: CodeState, scope: string, entered: string, at: Date): CodeCheck {
  if (!state.codeHash || !state.codeExpiresAt || state.codeAttempts >= SMS_CODE.maxAttempts) return "none";
  if (at.getTime() > state.codeExpiresAt.getTime()) return "expired";
  const normalized = entered.replace(/\s+/g, "");
  if (/^\d{6}$/.test(normalized) && hmacMatches(state.codeHash, `sms-code:${scope}`, normalized)) return "ok";
  return state.codeAttempts + 1 >= SMS_CODE.maxAttempts ? "exhausted" : "wrong";
}

export function attemptsLeft(state: Pick<CodeState, "codeAttempts">): number {
  return Math.max(0, SMS_CODE.maxAttempts - state.codeAttempts);
}
