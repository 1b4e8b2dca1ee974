import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { setPassword, type PasswordFieldErrors } from "@/server/passwords/set-password";
import type { RequestMeta } from "@/server/request-meta";
import type { Notice } from "@/server/sms/account-notice";
import { findEmployeeCredential } from "./internal/postmaster-access";
import type { Postmaster } from "./postmaster";

export interface ResetEmployeePasswordInput {
  postmaster: Postmaster;
  accountId: string;
  password: string;
  confirmPassword: string;
  mustChangePassword: boolean;
}

export type ResetEmployeePasswordResult =
  | { ok: true; address: string; changedAt: Date; notice: Notice | null }
  | { ok: false; error: "invalid"; fieldErrors: PasswordFieldErrors }
  | { ok: false; error: "not_found" | "own_account" | "postmaster_account" };

const ATTEMPT = "password.reset";

/**
 * Scenario 1, "Reset Password > Save": a postmaster sets a new password for an
 * employee of its own domain (never its own, nor another postmaster's: those
 * go through Change Password or the cloud console). Disabled accounts can be reset; their status stays.
 * The write itself is setPassword(), the one reset transaction.
 */
export async function resetEmployeePassword(input: ResetEmployeePasswordInput, meta: RequestMeta): Promise<ResetEmployeePasswordResult> {
  // A postmaster's password is the cloud operator's to reset (Scenario 3), never another postmaster's.
  const pm = input.postmaster;
  // The target is read once: the same row is checked here and written by setPassword.
  const target = await findEmployeeCredential(pm, input.accountId, ATTEMPT, meta);
  if (!target.ok) return target;
  const { credential } = target;
  const result = await setPassword({
    kind: "mail",
    accountId: credential.id,
    credential,
    password: input.password,
    confirmPassword: input.confirmPassword,
    mustChangePassword: input.mustChangePassword,
    actor: pm.actor,
    action: AuditAction.passwordResetByPostmaster,
    meta,
    notice: "postmaster",
  });
  if (!result.ok) return result;
  return { ok: true, address: credential.login, changedAt: result.changedAt, notice: result.notice };
}
