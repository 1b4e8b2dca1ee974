import { MINUTE } from "@/server/clock";
import { SMS_CODE } from "@/server/verification/sms-code";
import type { VerificationKey } from "@/server/verification/verification-store";
import { limitPolicy } from "@/server/security/rate-limit-policies";

/**
 * The numbers of the Forgot Password wizard (SECURITY.md "Forgot Password").
 * Send and failure caps are rate-limit policies (rate-limit-policies.ts); the
 * SMS code rules are shared with the secure-mobile binding (sms-code.ts).
 */
export const RECOVERY = {
  /** A flow, and the cookie naming it, lives 15 minutes from step 1. */
  flowTtlMs: 15 * MINUTE,
  /** A passed verification allows setting the password for 10 minutes, once. */
  grantTtlMs: 10 * MINUTE,
  code: SMS_CODE,
  /** Failed question tries per account in 24 h before the method is blocked for 24 h. */
  questionFailures: limitPolicy("questionFailuresByAccount").points,
  /** All failed tries (codes + answers) per account in 24 h before self-service is refused for 1 h. */
  accountFailures: limitPolicy("recoveryFailuresByAccount").points,
} as const;

export const RECOVERY_COOKIE = {
  name: "postkey_recovery",
  sameSite: "strict",
  maxAgeSec: RECOVERY.flowTtlMs / 1000,
} as const;

/** The Verification that holds a flow's SMS code. */
export function recoveryCodeKey(flowId: string): VerificationKey {
  return { purpose: "RECOVERY", target: flowId };
}

/** Why a flow ended (RecoveryFlow.endedReason). */
export type EndedReason =
  | "unavailable"
  | "restarted"
  | "too_many_codes"
  | "account_blocked"
  | "expired"
  | "grant_expired"
  | "password_changed"
  | "reset"
  /** A postmaster disabled the account (admin/account-actions.ts). */
  | "account_disabled"
  /** The owner said "This wasn't me" (notices/report-not-me.ts). */
  | "reported_not_me";
