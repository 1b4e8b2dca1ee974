import "server-only";
import type { AccountRole, PasswordChangeReason } from "@/generated/prisma/enums";
import { CONSOLE_POLICY, type PasswordPolicyView } from "@/lib/password-policy/profiles";
import { DOMAIN_POLICY_SELECT, domainPasswordPolicy } from "@/server/passwords/domain-password-policy";
import type { AccountActorKind } from "@/server/audit/record-audit-event";
import { getDb, type Tx } from "@/server/db";
import { cloudTwoStepSubject, mailTwoStepSubject, type TwoStepSubject } from "@/server/two-step/two-step-policy";

/**
 * Mail accounts and cloud accounts share logon, lockout and password
 * changes; this is the one place that knows which table each lives in.
 */
export type CredentialKind = "mail" | "cloud";

export interface Credential {
  id: string;
  login: string;
  /** What the audit log calls this account's kind, set where the row is read: a caller does not come back for it. */
  actorKind: AccountActorKind;
  passwordHash: string;
  active: boolean;
  sessionVersion: number;
  failedLogonCount: number;
  lockedUntil: Date | null;
  lockCount: number;
  mustChangePassword: boolean;
  mustChangeReason: PasswordChangeReason | null;
  /** When the current password was set (its expiry under a custom profile). */
  passwordChangedAt: Date;
  /** The last breach screening of this password at a logon (mail accounts), null when never. */
  passwordScreenedAt: Date | null;
  role: AccountRole | "OPERATOR";
  domainId: string | null;
  /** The rules a new password of this account must meet (its domain's profile; the article's for an operator). */
  policy: PasswordPolicyView;
  secureMobile: string | null;
  /** The verified backup email address (mail accounts), null when none. */
  backupEmail: string | null;
  /** The account's chosen language, null until it chose one. */
  locale: string | null;
  /** Its second step at logon, read with the rest (no other query on the logon's path). */
  twoStep: TwoStepSubject;
}

export interface CounterUpdate {
  failedLogonCount?: number;
  lastFailedLogonAt?: Date | null;
  lockedUntil?: Date | null;
  lockCount?: number;
  passwordHash?: string;
  /** A successful logon (mail accounts keep it: the Employee Accounts list shows and sorts by it). */
  lastLogonAt?: Date;
}

export async function findCredential(kind: CredentialKind, where: { login: string } | { id: string }, tx?: Tx): Promise<Credential | null> {
  const db = tx ?? getDb();
  if (kind === "mail") {
    const a = await db.mailAccount.findUnique({
      where: "id" in where ? { id: where.id } : { address: where.login },
      omit: { passwordHash: false },
      include: { domain: { select: DOMAIN_POLICY_SELECT } },
    });
    if (!a) return null;
    return {
      ...held("mail", a),
      login: a.address,
      active: a.status === "ACTIVE",
      mustChangePassword: a.mustChangePassword,
      mustChangeReason: a.mustChangeReason,
      passwordChangedAt: a.passwordChangedAt,
      passwordScreenedAt: a.passwordScreenedAt,
      role: a.role,
      domainId: a.domainId,
      policy: domainPasswordPolicy(a.domain),
      secureMobile: a.secureMobile && a.secureMobileVerifiedAt ? a.secureMobile : null,
      backupEmail: a.backupEmail && a.backupEmailVerifiedAt ? a.backupEmail : null,
      twoStep: mailTwoStepSubject(a),
    };
  }
  const c = await db.cloudAccount.findUnique({
    where: "id" in where ? { id: where.id } : { email: where.login },
    omit: { passwordHash: false },
  });
  if (!c) return null;
  return {
    ...held("cloud", c),
    login: c.email,
    active: true,
    mustChangePassword: c.mustChangePassword,
    mustChangeReason: c.mustChangeReason,
    passwordChangedAt: c.passwordChangedAt,
    passwordScreenedAt: c.passwordScreenedAt,
    role: "OPERATOR",
    domainId: null,
    policy: CONSOLE_POLICY,
    secureMobile: null,
    backupEmail: null,
    twoStep: cloudTwoStepSubject(c),
  };
}

type HeldColumns = Pick<Credential, "id" | "passwordHash" | "sessionVersion" | "failedLogonCount" | "lockedUntil" | "lockCount" | "locale">;

/** What both tables hold alike: the row's id, its password and logon counters, its language. */
function held(kind: CredentialKind, row: HeldColumns): HeldColumns & Pick<Credential, "actorKind"> {
  const { id, passwordHash, sessionVersion, failedLogonCount, lockedUntil, lockCount, locale } = row;
  return { id, actorKind: actorKindOf(kind), passwordHash, sessionVersion, failedLogonCount, lockedUntil, lockCount, locale };
}

export async function updateCounters(kind: CredentialKind, id: string, data: CounterUpdate, tx?: Tx): Promise<void> {
  const db = tx ?? getDb();
  const { lastLogonAt, ...counters } = data;
  if (kind === "mail") await db.mailAccount.update({ where: { id }, data: { ...counters, lastLogonAt } });
  else await db.cloudAccount.update({ where: { id }, data: counters });
}

export function actorKindOf(kind: CredentialKind): AccountActorKind {
  return kind === "mail" ? "MAIL_ACCOUNT" : "CLOUD_ACCOUNT";
}

/** What a logon may mark on the account whose password it judged (password-change-due.ts). */
export interface PasswordMark {
  mustChangePassword?: boolean;
  mustChangeReason?: PasswordChangeReason;
  passwordScreenedAt?: Date;
}

/**
 * One conditional update of the account's row (`when`: what the caller read still holds), in the table its
 * kind lives in; the rows it changed (0 or 1).
 */
export async function updateCredentialIf(
  kind: CredentialKind,
  id: string,
  when: { mustChangePassword?: boolean; passwordChangedAt?: Date },
  data: PasswordMark,
): Promise<number> {
  const where = { id, ...when };
  const db = getDb();
  const { count } = kind === "mail" ? await db.mailAccount.updateMany({ where, data }) : await db.cloudAccount.updateMany({ where, data });
  return count;
}

/** Counts one failed logon atomically; returns the new consecutive count. */
export async function incrementFailures(kind: CredentialKind, id: string, at: Date): Promise<number> {
  const data = { failedLogonCount: { increment: 1 }, lastFailedLogonAt: at };
  const select = { failedLogonCount: true } as const;
  const row =
    kind === "mail"
      ? await getDb().mailAccount.update({ where: { id }, data, select })
      : await getDb().cloudAccount.update({ where: { id }, data, select });
  return row.failedLogonCount;
}

/**
 * Locks the account once its count reached `threshold`. Conditional, so of
 * concurrent failures that all saw the threshold only one locks (and doubles).
 */
export async function lockIfDue(
  kind: CredentialKind,
  id: string,
  threshold: number,
  until: (lockCount: number) => Date,
): Promise<{ locked: true; until: Date; lockNumber: number } | { locked: false }> {
  const db = getDb();
  const current =
    kind === "mail"
      ? await db.mailAccount.findUnique({ where: { id }, select: { lockCount: true } })
      : await db.cloudAccount.findUnique({ where: { id }, select: { lockCount: true } });
  if (!current) return { locked: false };
  const lockedUntil = until(current.lockCount);
  const where = { id, failedLogonCount: { gte: threshold }, lockCount: current.lockCount };
  const data = { failedLogonCount: 0, lockedUntil, lockCount: { increment: 1 } };
  const { count } = kind === "mail" ? await db.mailAccount.updateMany({ where, data }) : await db.cloudAccount.updateMany({ where, data });
  return count === 1 ? { locked: true, until: lockedUntil, lockNumber: current.lockCount + 1 } : { locked: false };
}
