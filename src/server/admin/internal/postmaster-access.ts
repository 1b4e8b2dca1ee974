import "server-only";
import type { AccountRole, AccountStatus } from "@/generated/prisma/enums";
import { refuseAccess } from "@/server/audit/refuse-access";
import { findCredential, type Credential } from "@/server/auth/credential-store";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import type { Postmaster } from "../postmaster";

type TargetKind = "MAIL_ACCOUNT" | "DEPARTMENT";

/**
 * True when a looked-up row belongs to the postmaster's domain. A row of
 * another domain answers exactly like a missing one (no probing for ids), and
 * the attempt is audited in the target's domain, where its postmaster sees it.
 */
async function inOwnDomain(
  pm: Postmaster,
  row: { id: string; domainId: string; label: string } | null,
  kind: TargetKind,
  attempted: string,
  meta: RequestMeta,
): Promise<boolean> {
  if (!row) return false;
  if (row.domainId === pm.domainId) return true;
  await refuseAccess({
    actor: pm.actor,
    attempted,
    reason: "other_domain",
    domainId: row.domainId,
    target: { id: row.id, label: row.label, kind },
    meta,
  });
  return false;
}

const NOT_FOUND = { ok: false, error: "not_found" } as const;

export type DomainAccount = {
  id: string;
  address: string;
  displayName: string;
  role: AccountRole;
  status: AccountStatus;
  domainId: string;
};

/** A mail account of the postmaster's own domain, or not_found. */
export async function findDomainAccount(
  pm: Postmaster,
  accountId: string,
  attempted: string,
  meta: RequestMeta,
): Promise<{ ok: true; account: DomainAccount } | typeof NOT_FOUND> {
  const account = await getDb().mailAccount.findUnique({
    where: { id: accountId },
    select: { id: true, address: true, displayName: true, role: true, status: true, domainId: true },
  });
  const ok = await inOwnDomain(pm, account && { ...account, label: account.address }, "MAIL_ACCOUNT", attempted, meta);
  return ok && account ? { ok: true, account } : NOT_FOUND;
}

export type DomainDepartment = { id: string; name: string; parentId: string | null; domainId: string };

/** A department of the postmaster's own domain, or not_found. */
export async function findDomainDepartment(
  pm: Postmaster,
  departmentId: string,
  attempted: string,
  meta: RequestMeta,
): Promise<{ ok: true; department: DomainDepartment } | typeof NOT_FOUND> {
  const department = await getDb().department.findUnique({
    where: { id: departmentId },
    select: { id: true, name: true, parentId: true, domainId: true },
  });
  const ok = await inOwnDomain(pm, department && { ...department, label: department.name }, "DEPARTMENT", attempted, meta);
  return ok && department ? { ok: true, department } : NOT_FOUND;
}

/**
 * An employee of the postmaster's domain: the target of Reset Password and
 * Sign out everywhere. The postmaster's own account and other postmaster
 * accounts are refused (audited): those belong to Change Password and to
 * the cloud operator's console.
 */
export type EmployeeRefusal = { ok: false; error: "own_account" | "postmaster_account" };

/** The postmaster's own account or another postmaster's: refused (audited); null for an employee. */
export async function refuseNonEmployee(
  pm: Postmaster,
  account: Pick<DomainAccount, "id" | "address"> & { role: Credential["role"] },
  attempted: string,
  meta: RequestMeta,
): Promise<EmployeeRefusal | null> {
  if (account.role !== "POSTMASTER") return null;
  const reason = account.id === pm.id ? "own_account" : "postmaster_account";
  await refuseAccess({
    actor: pm.actor,
    attempted,
    reason,
    domainId: pm.domainId,
    target: { id: account.id, label: account.address },
    meta,
  });
  return { ok: false, error: reason };
}

/**
 * Reset Password's target: an employee of the postmaster's domain, read once as setPassword takes it
 * (its credential), and checked as findEmployeeAccount checks it.
 */
export async function findEmployeeCredential(
  pm: Postmaster,
  accountId: string,
  attempted: string,
  meta: RequestMeta,
): Promise<{ ok: true; credential: Credential } | typeof NOT_FOUND | EmployeeRefusal> {
  const credential = await findCredential("mail", { id: accountId });
  const row = credential && { id: credential.id, domainId: credential.domainId ?? "", label: credential.login };
  if (!credential || !(await inOwnDomain(pm, row, "MAIL_ACCOUNT", attempted, meta))) return NOT_FOUND;
  const account = { id: credential.id, address: credential.login, role: credential.role };
  return (await refuseNonEmployee(pm, account, attempted, meta)) ?? { ok: true, credential };
}

/** An employee of the postmaster's domain (Edit Account's buttons, each account of a bulk action). */
export async function findEmployeeAccount(
  pm: Postmaster,
  accountId: string,
  attempted: string,
  meta: RequestMeta,
): Promise<{ ok: true; account: DomainAccount } | typeof NOT_FOUND | EmployeeRefusal> {
  const found = await findDomainAccount(pm, accountId, attempted, meta);
  if (!found.ok) return found;
  return (await refuseNonEmployee(pm, found.account, attempted, meta)) ?? found;
}
