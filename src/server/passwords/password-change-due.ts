import "server-only";
import type { PasswordChangeReason } from "@/generated/prisma/enums";
import { passwordExpiresAt } from "@/lib/password-policy/profiles";
import { policyContext } from "@/lib/password-policy";
import { checkPasswordOnServer } from "@/lib/password-policy/server";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { updateCredentialIf, type Credential, type CredentialKind } from "@/server/auth/credential-store";
import { DAY } from "@/server/clock";
import { componentLogger } from "@/server/observability/logger";
import type { RequestMeta } from "@/server/request-meta";
import { screenPassword, screeningJudged } from "./breached";

/** A logon's password is screened against breached passwords at most this often (the lists change slowly). */
export const SCREEN_AT_LOGON_EVERY_MS = DAY;

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
export async function enforcePasswordAtLogon(
  kind: CredentialKind,
  cred: Credential,
  password: string,
  at: Date,
  meta: RequestMeta,
): Promise<boolean> {
  if (cred.mustChangePassword) return true;
  const { rules } = cred.policy;
  let reason: ForcedReason | null = null;
  let screened = false;
  const expiresAt = passwordExpiresAt(rules, cred.passwordChangedAt);
  if (expiresAt && at >= expiresAt) reason = "EXPIRED";
  else if (!checkPasswordOnServer(password, policyContext(cred.policy, cred.login)).ok) reason = "POLICY";
  else if (!cred.passwordScreenedAt || at.getTime() - cred.passwordScreenedAt.getTime() >= SCREEN_AT_LOGON_EVERY_MS) {
    const verdict = await screenPassword(password);
    screened = screeningJudged(verdict);
    if (verdict.breached) reason = "BREACHED";
  }
  if (!reason) {
    if (screened) await updateCredentialIf(kind, cred.id, { passwordChangedAt: cred.passwordChangedAt }, { passwordScreenedAt: at });
    return false;
  }
  // Conditional: of parallel logons with the same password, one marks and audits.
  const count = await updateCredentialIf(
    kind,
    cred.id,
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
