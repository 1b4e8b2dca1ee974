import "server-only";
import type { PasswordChangeReason } from "@/generated/prisma/enums";
import { msg, type MessageRef } from "@/lib/message-ref";
import { policyContext } from "@/lib/password-policy";
import { checkPasswordOnServer } from "@/lib/password-policy/server";
import { now } from "@/server/clock";
import { getDb, transaction, type Tx } from "@/server/db";
import { newId } from "@/server/ids";
import { recordAuditEvent, type Actor } from "@/server/audit/record-audit-event";
import { AuditAction, type AuditActionName } from "@/server/audit/audit-action";
import { consumeLimit, peekLimit } from "@/server/security/rate-limit";
import { closeRecoveryFlows } from "@/server/recovery/close-recovery-flows";
import type { RequestMeta } from "@/server/request-meta";
import { hashPassword, verifyPassword } from "@/server/security/password-hash";
import { screenPassword, screeningJudged } from "./breached";
import type { Notice } from "@/server/sms/account-notice";
import { findCredential, type Credential, type CredentialKind } from "@/server/auth/credential-store";

/** Problems with a new password, as catalog references (the web layer words them). */
export type PasswordFieldErrors = {
  password?: MessageRef[];
  confirmPassword?: MessageRef[];
};

export interface SetPasswordInput {
  kind: CredentialKind;
  accountId: string;
  /** The account as the caller already read it (findCredential): not read again. */
  credential?: Credential;
  password: string;
  confirmPassword: string;
  mustChangePassword: boolean;
  /** Why the change is required at the next logon (with mustChangePassword); a postmaster's by default. */
  mustChangeReason?: PasswordChangeReason;
  actor: Actor;
  action: AuditActionName;
  meta: RequestMeta;
  /** Who to name in the SMS notice; null sends none (a user changing their own password). */
  notice: "postmaster" | "self_service" | "console" | null;
  /**
   * The password was generated here (a bulk reset): 16 random characters from
   * a CSPRNG cannot be one of the account's last passwords nor a breached one,
   * so neither the history (one argon2 run per account instead of up to six)
   * nor the breach list is asked.
   */
  generated?: boolean;
  /** Extra audit detail (a bulk action says so); never a secret. */
  auditDetail?: Record<string, string | number | boolean>;
  /** Runs inside the transaction (closing a recovery flow, say): all or nothing with the new hash. */
  alsoInTransaction?: (tx: Tx) => Promise<void>;
}

export type SetPasswordResult =
  /** `notice`: the SMS to send after the response (sendResetNotice), or null when there is none to send. */
  | { ok: true; changedAt: Date; notice: Notice | null }
  | { ok: false; error: "invalid"; fieldErrors: PasswordFieldErrors }
  | { ok: false; error: "not_found" };

/**
 * The policy (the account's domain profile) and the confirmation, shared by
 * every path that sets a password; a password that meets every rule is then
 * screened against breached passwords (SECURITY.md "Passwords": the service's
 * answer or, when it cannot answer in time, the shipped list). No hashing and
 * no history: a caller whose current or console password was wrong reports
 * these and nothing else. `screened`: the screening judged this password.
 */
export async function checkNewPassword(
  cred: Pick<Credential, "login" | "policy">,
  password: string,
  confirmPassword: string,
  options: { screen?: boolean } = {},
): Promise<{ errors: PasswordFieldErrors | null; screened: boolean }> {
  const result = checkPasswordOnServer(password, policyContext(cred.policy, cred.login));
  const errors: PasswordFieldErrors = {};
  let screened = false;
  if (!result.ok) errors.password = result.violations.map((v) => v.message);
  else if (options.screen !== false) {
    const verdict = await screenPassword(password);
    screened = screeningJudged(verdict);
    if (verdict.breached) errors.password = [msg("Password.violations.breached")];
  }
  if (password !== confirmPassword) errors.confirmPassword = [msg("Password.errors.mismatch")];
  return { errors: errors.password || errors.confirmPassword ? errors : null, screened };
}

/**
 * The history check is an answer about the account's old passwords, so it
 * runs last, only for a caller who passed everything else, and it is
 * counted: each "reused" is audited (password.reuse_refused) and limited per
 * actor and account (policy passwordReuseByActorTarget); past the limit no
 * history is compared at all.
 */
async function checkReuse(input: SetPasswordInput, cred: Credential): Promise<PasswordFieldErrors | null> {
  const key = `${input.actor.kind}:${"id" in input.actor ? input.actor.id : "-"}:${input.kind}:${cred.id}`;
  if (!(await peekLimit("passwordReuseByActorTarget", key)).allowed) return { password: [msg("Password.errors.reuseLimited")] };
  if (!(await isReused(cred, input.password))) return null;
  const { used } = await consumeLimit("passwordReuseByActorTarget", key);
  await recordAuditEvent({
    actor: input.actor,
    action: AuditAction.passwordReuseRefused,
    result: "REFUSED",
    meta: input.meta,
    domainId: cred.domainId,
    target: { kind: cred.actorKind, id: cred.id, label: cred.login },
    detail: { path: input.action, refusals: used },
  });
  return { password: [msg("Password.errors.reused", { depth: cred.policy.rules.historyDepth })] };
}

async function isReused(cred: Credential, password: string): Promise<boolean> {
  // A custom profile may keep no history: then only "the same as the current one" is refused (changeOwnPassword).
  if (cred.policy.rules.historyDepth === 0) return false;
  const history = await getDb().passwordHistory.findMany({
    where: cred.role === "OPERATOR" ? { cloudAccountId: cred.id } : { mailAccountId: cred.id },
    orderBy: { createdAt: "desc" },
    take: cred.policy.rules.historyDepth,
    omit: { passwordHash: false },
  });
  const hashes = history.length ? history.map((h) => h.passwordHash) : [cred.passwordHash];
  for (const hash of hashes) if (await verifyPassword(hash, password)) return true;
  return false;
}

/**
 * Sets a password (SECURITY.md "After any reset"): one transaction writes the
 * hash, passwordChangedAt, sessionVersion + 1 (every open session ends),
 * history, cleared lockout and the audit event; the SMS notice it returns is the caller's to
 * send after the response (the web layer schedules it with after()).
 */
export async function setPassword(input: SetPasswordInput): Promise<SetPasswordResult> {
  const cred = input.credential ?? (await findCredential(input.kind, { id: input.accountId }));
  if (!cred) return { ok: false, error: "not_found" };
  const checked = await checkNewPassword(cred, input.password, input.confirmPassword, { screen: !input.generated });
  const fieldErrors = checked.errors ?? (input.generated ? null : await checkReuse(input, cred));
  if (fieldErrors) return { ok: false, error: "invalid", fieldErrors };

  const hash = await hashPassword(input.password);
  const changedAt = now();
  await transaction(async (tx) => {
    await writePassword(tx, input, cred, hash, changedAt, checked.screened);
    await input.alsoInTransaction?.(tx);
    await recordAuditEvent(
      {
        actor: input.actor,
        action: input.action,
        meta: input.meta,
        domainId: cred.domainId,
        target: { kind: cred.actorKind, id: cred.id, label: cred.login },
        detail: input.auditDetail,
      },
      tx,
    );
  });

  const by = input.notice;
  const notice =
    by && input.kind === "mail" && cred.domainId && (cred.secureMobile || cred.backupEmail)
      ? {
          type: "reset" as const,
          account: {
            id: cred.id,
            address: cred.login,
            secureMobile: cred.secureMobile,
            backupEmail: cred.backupEmail,
            domainId: cred.domainId,
            locale: cred.locale,
          },
          by,
          at: changedAt,
          meta: input.meta,
          actor: input.actor,
        }
      : null;
  return { ok: true, changedAt, notice };
}

async function writePassword(
  tx: Tx,
  input: SetPasswordInput,
  cred: Credential,
  hash: string,
  changedAt: Date,
  screened: boolean,
): Promise<void> {
  const common = {
    passwordHash: hash,
    passwordChangedAt: changedAt,
    sessionVersion: { increment: 1 },
    failedLogonCount: 0,
    lastFailedLogonAt: null,
    lockedUntil: null,
    lockCount: 0,
  };
  const owner = input.kind === "mail" ? { mailAccountId: cred.id } : { cloudAccountId: cred.id };
  if (input.kind === "mail") {
    await tx.mailAccount.update({
      where: { id: cred.id },
      data: {
        ...common,
        mustChangePassword: input.mustChangePassword,
        mustChangeReason: input.mustChangePassword ? (input.mustChangeReason ?? "POSTMASTER") : null,
        // Screened as it was set: the next logon need not ask again today. A new password has had no reminder.
        passwordScreenedAt: screened ? changedAt : null,
        passwordExpiryReminder: null,
      },
    });
    // Open recovery flows of this account are void once its password changed.
    await closeRecoveryFlows(tx, cred.id, "password_changed", changedAt);
  } else {
    await tx.cloudAccount.update({
      where: { id: cred.id },
      data: { ...common, mustChangePassword: false, mustChangeReason: null, passwordScreenedAt: screened ? changedAt : null },
    });
  }
  await tx.passwordHistory.create({ data: { id: newId(), ...owner, passwordHash: hash, createdAt: changedAt } });
  const keep = await tx.passwordHistory.findMany({
    where: owner,
    orderBy: { createdAt: "desc" },
    // The newest one is always kept (the reuse check falls back to it), whatever the profile's depth.
    take: Math.max(cred.policy.rules.historyDepth, 1),
    select: { id: true },
  });
  await tx.passwordHistory.deleteMany({ where: { ...owner, id: { notIn: keep.map((k) => k.id) } } });
}
