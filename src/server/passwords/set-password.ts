import "server-only";
import { msg, type MessageRef } from "@/lib/message-ref";
import { HISTORY_DEPTH } from "@/lib/password-policy";
import { checkPasswordOnServer } from "@/lib/password-policy/server";
import { now } from "@/server/clock";
import { getDb, transaction, type Tx } from "@/server/db";
import { newId } from "@/server/ids";
import { recordAuditEvent, type Actor } from "@/server/audit/record-audit-event";
import { AuditAction, type AuditActionName } from "@/server/audit/audit-action";
import { consumeLimit, peekLimit } from "@/server/security/rate-limit";
import { closeRecoveryFlows } from "@/server/recovery/close-recovery-flows";
import type { RequestMeta } from "@/server/request-meta";
import { hashSecret, verifySecret } from "@/server/security/password-hash";
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
  actor: Actor;
  action: AuditActionName;
  meta: RequestMeta;
  /** Who to name in the SMS notice; null sends none (a user changing their own password). */
  notice: "postmaster" | "self_service" | "console" | null;
  /**
   * The password was generated here (a bulk reset): 16 random characters from
   * a CSPRNG cannot be one of the account's last passwords, so the history is
   * not compared (one argon2 run per account instead of up to six).
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
 * The policy and the confirmation, shared by every path that sets a
 * password. No hashing and no history: a caller whose current or console
 * password was wrong reports these and nothing else.
 */
export function checkNewPassword(
  cred: Pick<Credential, "login" | "weakKeywords">,
  password: string,
  confirmPassword: string,
): PasswordFieldErrors | null {
  const policy = checkPasswordOnServer(password, { email: cred.login, weakKeywords: cred.weakKeywords });
  const errors: PasswordFieldErrors = {};
  if (!policy.ok) errors.password = policy.violations.map((v) => v.message);
  if (password !== confirmPassword) errors.confirmPassword = [msg("Password.errors.mismatch")];
  return errors.password || errors.confirmPassword ? errors : null;
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
  return { password: [msg("Password.errors.reused", { depth: HISTORY_DEPTH })] };
}

async function isReused(cred: Credential, password: string): Promise<boolean> {
  const history = await getDb().passwordHistory.findMany({
    where: cred.role === "OPERATOR" ? { cloudAccountId: cred.id } : { mailAccountId: cred.id },
    orderBy: { createdAt: "desc" },
    take: HISTORY_DEPTH,
    omit: { passwordHash: false },
  });
  const hashes = history.length ? history.map((h) => h.passwordHash) : [cred.passwordHash];
  for (const hash of hashes) if (await verifySecret(hash, password)) return true;
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
  const fieldErrors =
    checkNewPassword(cred, input.password, input.confirmPassword) ?? (input.generated ? null : await checkReuse(input, cred));
  if (fieldErrors) return { ok: false, error: "invalid", fieldErrors };

  const hash = await hashSecret(input.password);
  const changedAt = now();
  await transaction(async (tx) => {
    await writePassword(tx, input, cred, hash, changedAt);
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

async function writePassword(tx: Tx, input: SetPasswordInput, cred: Credential, hash: string, changedAt: Date): Promise<void> {
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
    await tx.mailAccount.update({ where: { id: cred.id }, data: { ...common, mustChangePassword: input.mustChangePassword } });
    // Open recovery flows of this account are void once its password changed.
    await closeRecoveryFlows(tx, cred.id, "password_changed", changedAt);
  } else {
    await tx.cloudAccount.update({ where: { id: cred.id }, data: common });
  }
  await tx.passwordHistory.create({ data: { id: newId(), ...owner, passwordHash: hash, createdAt: changedAt } });
  const keep = await tx.passwordHistory.findMany({
    where: owner,
    orderBy: { createdAt: "desc" },
    take: HISTORY_DEPTH,
    select: { id: true },
  });
  await tx.passwordHistory.deleteMany({ where: { ...owner, id: { notIn: keep.map((k) => k.id) } } });
}
