import "server-only";
import { auditOwnChange } from "@/server/audit/audit-own-change";
import type { AuditActionName } from "@/server/audit/audit-action";
import { findCredential } from "@/server/auth/credential-store";
import { clearReauthFailures, countReauthFailure } from "@/server/auth/reauth-failures";
import type { RequestMeta } from "@/server/request-meta";
import { verifyPassword } from "@/server/security/password-hash";

/** The signed-in account a security change is about (it is also the actor). */
export interface SecurityAccount {
  id: string;
  address: string;
  domainId: string;
  secureMobile: string | null;
  /** The account's chosen language (its SMS texts), null until it chose one. */
  locale: string | null;
}

/**
 * Re-authentication for every Account Security change: the current password.
 * A wrong one is audited as a failure of `action` (the number masked in
 * `detail` by the caller) and gives null; so does a missing or disabled account.
 */
export async function reauthenticate(
  accountId: string,
  password: string,
  audit: { action: AuditActionName; meta: RequestMeta; detail?: Record<string, string> },
): Promise<SecurityAccount | null> {
  const cred = await findCredential("mail", { id: accountId });
  if (!cred || !cred.active || !cred.domainId) return null;
  const account = { id: cred.id, address: cred.login, domainId: cred.domainId, secureMobile: cred.secureMobile, locale: cred.locale };
  if (await verifyPassword(cred.passwordHash, password)) {
    await clearReauthFailures("mail", cred.id);
    return account;
  }
  await auditSecurityChange(account, audit.action, "FAILURE", audit.meta, { reason: "wrong_password", ...audit.detail });
  // The shared rule: the 5th wrong password in 15 minutes ends the account's sessions.
  await countReauthFailure({ kind: "mail", id: cred.id, login: cred.login, domainId: cred.domainId }, audit.action, audit.meta);
  return null;
}

/** What auditOwnChange takes after the account: the action, the result, the meta, the detail and the transaction. */
type OwnChange = Parameters<typeof auditOwnChange> extends [unknown, ...infer Rest] ? Rest : never;

/** An account's own security change, audited with the account as actor and target. Never a secret in `detail`. */
export async function auditSecurityChange(
  account: Pick<SecurityAccount, "id" | "address" | "domainId">,
  ...change: OwnChange
): Promise<void> {
  await auditOwnChange({ kind: "mail", id: account.id, login: account.address, domainId: account.domainId }, ...change);
}
