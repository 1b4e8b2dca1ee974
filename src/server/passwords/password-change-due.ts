import "server-only";
import type { PasswordChangeReason } from "@/generated/prisma/enums";
import { passwordExpiresAt } from "@/lib/password-policy/profiles";
import { checkPasswordOnServer } from "@/lib/password-policy/server";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { Credential } from "@/server/auth/credential-store";
import { getDb } from "@/server/db";
import { componentLogger } from "@/server/observability/logger";
import type { RequestMeta } from "@/server/request-meta";
import { screenPassword } from "./breached";

/** A logon's password is screened against breached passwords at most this often (the lists change slowly). */
export const SCREEN_AT_LOGON_EVERY_MS = 24 * 60 * 60 * 1000;

type ForcedReason = Extract<PasswordChangeReason, "BREACHED" | "POLICY" | "EXPIRED">;

/**
 * A correct password at logon (SECURITY.md "Passwords"; NIST SP 800-63B-4
 * §3.1.1.2 "SHALL force a change if there is evidence of compromise"): the
 * one moment the plain password is in hand, so the one moment it can be
 * judged again. It must be changed before going on when it no longer meets
 * the domain's current profile, when a custom profile's expiry has passed, or
 * when the breach screening finds it. The account is then marked
 * (mustChangePassword with the reason, audited password.change_forced); the
 * logon goes on to its second step and then to Change Password, as for a
 * postmaster's "Require password change" (a cloud operator: to Console
 * Password). The password itself is never kept or logged.
 */
export async function enforcePasswordAtLogon(cred: Credential, password: string, at: Date, meta: RequestMeta): Promise<boolean> {
  if (cred.mustChangePassword) return true;
  const { rules, weakKeywords, domainName } = cred.policy;
  let reason: ForcedReason | null = null;
  let screened = false;
  const expiresAt = passwordExpiresAt(rules, cred.passwordChangedAt);
  if (expiresAt && at >= expiresAt) reason = "EXPIRED";
  else if (!checkPasswordOnServer(password, { email: cred.login, weakKeywords, domainName, rules }).ok) reason = "POLICY";
  else if (!cred.passwordScreenedAt || at.getTime() - cred.passwordScreenedAt.getTime() >= SCREEN_AT_LOGON_EVERY_MS) {
    const verdict = await screenPassword(password);
    // A verdict of the fallback (the API down) is no screening: the next logon asks again.
    screened = verdict.source !== "off" && !verdict.fallback;
    if (verdict.breached) reason = "BREACHED";
  }
  if (!reason) {
    if (screened) await markAccount(cred, { passwordChangedAt: cred.passwordChangedAt }, { passwordScreenedAt: at });
    return false;
  }
  // Conditional: of parallel logons with the same password, one marks and audits.
  const count = await markAccount(
    cred,
    // Of the password judged: a reset that landed meanwhile is not marked for it.
    { mustChangePassword: false, passwordChangedAt: cred.passwordChangedAt },
    { mustChangePassword: true, mustChangeReason: reason, ...(screened ? { passwordScreenedAt: at } : {}) },
  );
  if (count === 1) {
    const who = { kind: cred.actorKind, id: cred.id, label: cred.login };
    await recordAuditEvent({
      actor: who,
      action: AuditAction.passwordChangeForced,
      meta,
      domainId: cred.domainId,
      target: who,
      detail: { reason: reason.toLowerCase(), profile: rules.profile },
    });
    componentLogger("passwords").info({ accountId: cred.id, reason }, "password change forced at logon");
  }
  return true;
}

type Mark = { mustChangePassword?: boolean; mustChangeReason?: PasswordChangeReason; passwordScreenedAt?: Date };

/** One conditional update of the account's row, in the table its kind lives in; the rows it changed (0 or 1). */
async function markAccount(
  cred: Credential,
  when: { mustChangePassword?: boolean; passwordChangedAt?: Date },
  data: Mark,
): Promise<number> {
  const where = { id: cred.id, ...when };
  const db = getDb();
  const { count } =
    cred.actorKind === "MAIL_ACCOUNT"
      ? await db.mailAccount.updateMany({ where, data })
      : await db.cloudAccount.updateMany({ where, data });
  return count;
}
