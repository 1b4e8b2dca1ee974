import "server-only";
import { MINUTE } from "@/server/clock";
import type { VerificationKey } from "@/server/verification/verification-store";

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
