import "server-only";
import type { AccountRole, AccountStatus } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import { isLocked } from "@/server/auth/lockout";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import { descendantIds, orderTree } from "./department-tree";
import { pageWindow, type Paged } from "./paging";

const ACCOUNTS_PAGE_SIZE = 25;
/** The department filter's value for accounts in no department. */
export const NO_DEPARTMENT = "none";

export interface AccountListQuery {
  /** Part of a name or an address, any case. */
  search?: string;
  /** A department (its sub-departments included), or NO_DEPARTMENT. */
  departmentId?: string;
  page?: number;
}

export interface AccountListRow {
  id: string;
  displayName: string;
  address: string;
  role: AccountRole;
  status: AccountStatus;
  department: string | null;
  hasSecureMobile: boolean;
  questionsSet: boolean;
  locked: boolean;
  passwordChangedAt: Date;
}

/**
 * One page of the domain's accounts, by name. Server-side paging on the
 * (domainId, displayName) and (domainId, departmentId) indexes keeps the page
 * fast with 10,000 accounts; only the page's rows are read.
 */
export async function listEmployeeAccounts(domainId: string, query: AccountListQuery): Promise<Paged<AccountListRow>> {
  const db = getDb();
  const departments = orderTree(await db.department.findMany({ where: { domainId }, select: { id: true, name: true, parentId: true } }));
  const where: Prisma.MailAccountWhereInput = { domainId };
  if (query.departmentId === NO_DEPARTMENT) where.departmentId = null;
  else if (query.departmentId) where.departmentId = { in: [query.departmentId, ...descendantIds(departments, query.departmentId)] };
  const search = query.search?.trim();
  if (search) {
    where.OR = [{ displayName: { contains: search, mode: "insensitive" } }, { address: { contains: search, mode: "insensitive" } }];
  }
  const total = await db.mailAccount.count({ where });
  const win = pageWindow(total, query.page, ACCOUNTS_PAGE_SIZE);
  const accounts = await db.mailAccount.findMany({
    where,
    orderBy: [{ displayName: "asc" }, { address: "asc" }],
    skip: win.skip,
    take: win.pageSize,
    select: {
      id: true,
      displayName: true,
      address: true,
      role: true,
      status: true,
      departmentId: true,
      passwordChangedAt: true,
      secureMobile: true,
      secureMobileVerifiedAt: true,
      lockedUntil: true,
      _count: { select: { securityQuestions: true } },
    },
  });
  const paths = new Map(departments.map((d) => [d.id, d.path]));
  const at = now();
  const rows = accounts.map((a) => ({
    id: a.id,
    displayName: a.displayName,
    address: a.address,
    role: a.role,
    status: a.status,
    department: a.departmentId ? (paths.get(a.departmentId) ?? null) : null,
    hasSecureMobile: !!(a.secureMobile && a.secureMobileVerifiedAt),
    questionsSet: a._count.securityQuestions >= 3,
    locked: isLocked(a.lockedUntil, at),
    passwordChangedAt: a.passwordChangedAt,
  }));
  return { rows, total, page: win.page, pageCount: win.pageCount, pageSize: win.pageSize };
}
