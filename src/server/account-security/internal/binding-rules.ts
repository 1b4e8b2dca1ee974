import "server-only";
import { MINUTE } from "@/server/clock";
import type { CodeVerdict, VerificationKey } from "@/server/verification/verification-store";

/**
 * A pending secure-mobile binding (a Verification with purpose
 * MOBILE_BINDING, target the account) can be resent to for this long after
 * the user re-entered the password; afterwards the user starts again
 * (number + password). The codes themselves follow SMS_CODE.
 */
export const BINDING_TTL_MS = 30 * MINUTE;

export function bindingKey(accountId: string): VerificationKey {
  return { purpose: "MOBILE_BINDING", target: accountId };
}

export function isBindingOpen(row: { createdAt: Date }, at: Date): boolean {
  return at.getTime() <= row.createdAt.getTime() + BINDING_TTL_MS;
}

export type BindingCodeRefusal = { ok: false; error: "expired" | "voided" } | { ok: false; error: "wrong_code"; attemptsLeft: number };

/**
 * What a binding code (secure mobile, backup email) that does not bind answers: an expired one is refused
 * uncounted, a wrong one and the 5th (which voids the code) are audited through `failure`. Null for a right
 * code. No code to judge ("none") is each caller's answer.
 */
export async function refuseBindingCode(
  judged: CodeVerdict,
  failure: (reason: "wrong_code" | "code_voided") => Promise<void>,
): Promise<BindingCodeRefusal | null> {
  switch (judged.verdict) {
    case "expired":
      return { ok: false, error: "expired" };
    case "wrong":
      await failure("wrong_code");
      return { ok: false, error: "wrong_code", attemptsLeft: judged.attemptsLeft };
    case "exhausted":
      await failure("code_voided");
      return { ok: false, error: "voided" };
  }
  return null;
}
