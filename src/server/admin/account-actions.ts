import "server-only";
import type { RequestMeta } from "@/server/request-meta";
import type { Notice } from "@/server/sms/account-notice";
import { ACCOUNT_ACTIONS, applyAccountAction, type AccountActionName } from "./internal/apply-account-action";
import { findEmployeeAccount, type EmployeeRefusal } from "./internal/postmaster-access";
import type { Postmaster } from "./postmaster";

/**
 * The postmaster's one-click actions on an employee (Edit Account, and each
 * account of a bulk action): disable / enable, remove the secure mobile,
 * clear the security questions, sign out everywhere, require a password
 * change at next logon. Each is one transaction with its audit event (the
 * postmaster as actor); the SMS notice to the owner, where one is due, is
 * returned to be sent after the response. The postmaster's own account and
 * other postmasters are refused (findEmployeeAccount), as are other domains.
 */
export { ACCOUNT_ACTIONS, type AccountActionName };

export type AccountActionRefusal = { ok: false; error: "not_found" } | EmployeeRefusal;
export type AccountActionResult =
  /** `changed` false: the account was already so (nothing written, nothing audited). */
  { ok: true; address: string; changed: boolean; notices: Notice[] } | AccountActionRefusal;

/** The name each action is audited under when refused (access.refused's `attempted`). */
export const ATTEMPTED: Record<AccountActionName, string> = {
  disable: "account.disable",
  enable: "account.enable",
  remove_mobile: "account.remove_mobile",
  clear_questions: "account.clear_questions",
  sign_out: "sessions.sign_out_everywhere",
  require_change: "account.require_password_change",
};

/** Edit Account's buttons: the account resolved in the postmaster's domain, then the action. */
export async function runAccountAction(
  input: { postmaster: Postmaster; accountId: string; action: AccountActionName },
  meta: RequestMeta,
): Promise<AccountActionResult> {
  const target = await findEmployeeAccount(input.postmaster, input.accountId, ATTEMPTED[input.action], meta);
  if (!target.ok) return target;
  return applyAccountAction(input.postmaster, target.account, input.action, meta);
}
