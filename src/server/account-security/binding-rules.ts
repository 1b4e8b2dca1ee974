import "server-only";
import { MINUTE } from "@/server/clock";
import { SMS_CODE, smsCodeDigest } from "@/server/verification/sms-code";

/**
 * A pending secure-mobile binding (MobileVerification row) can be resent to
 * for this long after the user re-entered the password; afterwards the user
 * starts again (number + password). The codes themselves follow SMS_CODE.
 */
export const BINDING_TTL_MS = 30 * MINUTE;

/** The HMAC scope of a binding's code: never valid for a recovery flow, nor for another binding. */
export function bindingCodeDigest(bindingId: string, code: string): string {
  return smsCodeDigest(bindingScope(bindingId), code);
}

export function bindingScope(bindingId: string): string {
  return `bind:${bindingId}`;
}

export function isBindingOpen(row: { createdAt: Date }, at: Date): boolean {
  return at.getTime() <= row.createdAt.getTime() + BINDING_TTL_MS;
}

const TTL_MINUTES = SMS_CODE.ttlMs / MINUTE;

export function bindingSmsBody(code: string): { body: string; redactedBody: string } {
  const text = (c: string) => `Your Postkey verification code is ${c}. It expires in ${TTL_MINUTES} minutes. Do not share it.`;
  return { body: text(code), redactedBody: text("•".repeat(code.length)) };
}
