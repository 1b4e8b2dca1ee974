import "server-only";
import { maskEmail } from "@/lib/email";
import { maskPhone } from "@/lib/phone";
import { isLocked } from "@/server/auth/lockout";
import { listLiveSessions } from "@/server/auth/session-store";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { orderTree } from "./internal/department-tree";
import { ACCOUNT_ROW_SELECT, type AccountListRow } from "./list-employee-accounts";
import { findDomainAccount } from "./internal/postmaster-access";
import type { Postmaster } from "./postmaster";
import type { PasswordChangeReason } from "@/generated/prisma/enums";
import type { PasswordPolicyView } from "@/lib/password-policy";
import { DOMAIN_POLICY_SELECT, domainPasswordPolicy } from "@/server/passwords/domain-password-policy";

/** The list row's fields, plus what only the Edit Account page shows. */
export interface EmployeeAccountDetails extends Pick<
  AccountListRow,
  "id" | "displayName" | "address" | "role" | "status" | "department" | "passwordChangedAt"
> {
  /** Masked (+1 ••• ••• 0101); the full number never reaches the page. */
  secureMobile: string | null;
  /** The verified backup email address, masked (a•••@g•••.com). */
  backupEmail: string | null;
  questionsSet: boolean;
  /** Any security question on file (a partial set can still be cleared). */
  hasQuestions: boolean;
  departmentId: string | null;
  lastLogonAt: Date | null;
  lockedUntil: Date | null;
  failedLogonCount: number;
  mustChangePassword: boolean;
  createdAt: Date;
  /** The postmaster's own account: no Reset Password here. */
  isSelf: boolean;
  /** Sessions that would still open (not logged off, not ended by a reset). */
  openSessions: number;
  /** Why the password must be changed (with mustChangePassword); null when set before reasons were kept. */
  mustChangeReason: PasswordChangeReason | null;
  domain: { allowSmsRecovery: boolean; allowQuestionRecovery: boolean; allowEmailRecovery: boolean };
  /** The rules Reset Password checks a new password against. */
  policy: PasswordPolicyView;
}

/** The Edit Account page's data; an account of another domain is not_found (and audited). */
export async function getEmployeeAccount(
  input: { postmaster: Postmaster; accountId: string },
  meta: RequestMeta,
): Promise<{ ok: true; account: EmployeeAccountDetails } | { ok: false; error: "not_found" }> {
  const pm = input.postmaster;
  const found = await findDomainAccount(pm, input.accountId, "account.view", meta);
  if (!found.ok) return found;
  const db = getDb();
  const a = await db.mailAccount.findUniqueOrThrow({
    where: { id: found.account.id },
    select: {
      ...ACCOUNT_ROW_SELECT,
      backupEmail: true,
      backupEmailVerifiedAt: true,
      failedLogonCount: true,
      createdAt: true,
      sessionVersion: true,
      mustChangeReason: true,
      domain: { select: { allowSmsRecovery: true, allowQuestionRecovery: true, allowEmailRecovery: true, ...DOMAIN_POLICY_SELECT } },
    },
  });
  const openSessions = (await listLiveSessions("mail", a.id, a.sessionVersion)).length;
  const departments = a.departmentId
    ? orderTree(await db.department.findMany({ where: { domainId: pm.domainId }, select: { id: true, name: true, parentId: true } }))
    : [];
  return {
    ok: true,
    account: {
      id: a.id,
      displayName: a.displayName,
      address: a.address,
      role: a.role,
      status: a.status,
      department: departments.find((d) => d.id === a.departmentId)?.path ?? null,
      secureMobile: a.secureMobile && a.secureMobileVerifiedAt ? maskPhone(a.secureMobile) : null,
      backupEmail: a.backupEmail && a.backupEmailVerifiedAt ? maskEmail(a.backupEmail) : null,
      questionsSet: a._count.securityQuestions >= 3,
      hasQuestions: a._count.securityQuestions > 0,
      departmentId: a.departmentId,
      lastLogonAt: a.lastLogonAt,
      lockedUntil: isLocked(a.lockedUntil, now()) ? a.lockedUntil : null,
      failedLogonCount: a.failedLogonCount,
      mustChangePassword: a.mustChangePassword,
      passwordChangedAt: a.passwordChangedAt,
      createdAt: a.createdAt,
      isSelf: a.id === pm.id,
      openSessions,
      mustChangeReason: a.mustChangeReason,
      domain: {
        allowSmsRecovery: a.domain.allowSmsRecovery,
        allowQuestionRecovery: a.domain.allowQuestionRecovery,
        allowEmailRecovery: a.domain.allowEmailRecovery,
      },
      policy: domainPasswordPolicy(a.domain),
    },
  };
}
