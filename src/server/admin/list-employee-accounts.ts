import "server-only";
import type { AccountRole, AccountStatus } from "@/generated/prisma/enums";
import { Prisma } from "@/generated/prisma/client";
import { isLocked } from "@/server/auth/lockout";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import { descendantIds, orderTree, type DepartmentNode, type TreeRow } from "./internal/department-tree";
import { pageWindow, type Paged } from "./internal/paging";
import { notReadyIdsSql } from "./internal/readiness-query";
import type { PasswordChangeReason } from "@/generated/prisma/enums";

/** Rows per page the list offers (500: a whole bulk action on one page). */
export const PAGE_SIZES = [25, 100, 500] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
/** The department filter's value for accounts in no department. */
export const NO_DEPARTMENT = "none";
export const STATUS_FILTERS = ["active", "disabled", "locked", "must_change"] as const;
export const RECOVERY_FILTERS = ["none", "mobile", "questions", "not_ready"] as const;
/** Name or Last logon, ascending or (with "-") descending. */
export const SORTS = ["name", "-name", "last_logon", "-last_logon"] as const;
export type AccountSort = (typeof SORTS)[number];

export interface AccountListQuery {
  /** Part of a name or an address, any case. */
  search?: string;
  /** A department (its sub-departments included), or NO_DEPARTMENT. */
  departmentId?: string;
  status?: (typeof STATUS_FILTERS)[number];
  /**
   * Which recovery method is set up: none, a verified secure mobile, the security questions; or
   * not_ready: the active accounts Recovery Readiness counts as unable to reset on their own (its rule,
   * src/server/admin/internal/readiness-query.ts, so the list has exactly its notReady accounts).
   */
  recovery?: (typeof RECOVERY_FILTERS)[number];
  sort?: AccountSort;
  page?: number;
  pageSize?: PageSize;
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
  mustChangePassword: boolean;
  /** Why (with mustChangePassword); null when set before reasons were kept. */
  mustChangeReason: PasswordChangeReason | null;
  passwordChangedAt: Date;
  lastLogonAt: Date | null;
}

/** The columns a list row is made of (Edit Account reads them too, with its own). */
export const ACCOUNT_ROW_SELECT = {
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
  mustChangePassword: true,
  mustChangeReason: true,
  lastLogonAt: true,
  _count: { select: { securityQuestions: true } },
} as const;

/**
 * One page of the domain's accounts, by name (or last logon), filtered by
 * department, status and recovery method. Server-side paging on the
 * (domainId, displayName, address, id), (domainId, departmentId) and
 * (domainId, lastLogonAt) indexes keeps the page fast with 100,000 accounts
 * (docs/performance.md); only the page's rows are read. Also returns the
 * domain's department tree it read, for the page's department filter.
 */
export async function listEmployeeAccounts(
  input: AccountListQuery & { domainId: string },
): Promise<Paged<AccountListRow> & { departments: TreeRow<DepartmentNode>[] }> {
  const { domainId, ...query } = input;
  const db = getDb();
  const departments = orderTree(await db.department.findMany({ where: { domainId }, select: { id: true, name: true, parentId: true } }));
  const where: Prisma.MailAccountWhereInput = { domainId };
  const departmentIds =
    query.departmentId === NO_DEPARTMENT
      ? null
      : query.departmentId
        ? [query.departmentId, ...descendantIds(departments, query.departmentId)]
        : undefined;
  if (departmentIds !== undefined) where.departmentId = departmentIds === null ? null : { in: departmentIds };
  const search = query.search?.trim();
  const at = now();
  const and: Prisma.MailAccountWhereInput[] = [];
  if (search) {
    and.push({ OR: [{ displayName: { contains: search, mode: "insensitive" } }, { address: { contains: search, mode: "insensitive" } }] });
  }
  if (query.status === "active") where.status = "ACTIVE";
  if (query.status === "disabled") where.status = "DISABLED";
  if (query.status === "locked") where.lockedUntil = { gt: at };
  if (query.status === "must_change") where.mustChangePassword = true;
  const mobile: Prisma.MailAccountWhereInput = { secureMobile: { not: null }, secureMobileVerifiedAt: { not: null } };
  if (query.recovery === "mobile") and.push(mobile);
  if (query.recovery === "questions") and.push({ securityQuestions: { some: {} } });
  if (query.recovery === "none") and.push({ NOT: mobile }, { securityQuestions: { none: {} } });
  if (and.length) where.AND = and;
  const desc = query.sort?.startsWith("-") ?? false;
  const direction = desc ? "desc" : "asc";
  const orderBy: Prisma.MailAccountOrderByWithRelationInput[] = query.sort?.endsWith("last_logon")
    ? [{ lastLogonAt: { sort: direction, nulls: "last" } }, { displayName: "asc" }, { address: "asc" }]
    : [{ displayName: direction }, { address: direction }];
  const pageSize = query.pageSize ?? PAGE_SIZES[0];
  // not_ready is the readiness statement's own rule (src/server/admin/internal/readiness-query.ts: answered
  // questions counted, the domain's switches), which Prisma's filters cannot say and whose ids can be more
  // than a statement binds: the same filters and order are then one SQL statement around its subquery.
  const notReady =
    query.recovery === "not_ready"
      ? notReadyStatement(domainId, { departments: departmentIds, search, status: query.status, at }, query.sort ?? "name")
      : null;
  // The page's ids first, from the (domainId, displayName, address, id) index alone when only the domain
  // filters (an index-only scan, however deep the page), then the rows of those ids only.
  const pageIds = async (skip: number) =>
    notReady
      ? (await db.$queryRaw<Array<{ id: string }>>(notReady.page(skip, pageSize))).map((a) => a.id)
      : (await db.mailAccount.findMany({ where, orderBy, skip, take: pageSize, select: { id: true } })).map((a) => a.id);
  const count = async () => (notReady ? (await db.$queryRaw<Array<{ n: number }>>(notReady.count))[0].n : db.mailAccount.count({ where }));
  // The count and the requested page's ids at once (at 100,000 accounts each scans the index): only a
  // page past the end, which shows the last page, has its ids read again.
  const wanted = pageWindow(Number.MAX_SAFE_INTEGER, query.page, pageSize);
  const [total, wantedIds] = await Promise.all([count(), pageIds(wanted.skip)]);
  const win = pageWindow(total, query.page, pageSize);
  const ids = win.skip === wanted.skip ? wantedIds : await pageIds(win.skip);
  const found = await db.mailAccount.findMany({
    where: { id: { in: ids } },
    select: ACCOUNT_ROW_SELECT,
  });
  const byId = new Map(found.map((a) => [a.id, a]));
  // In the page's order; an account deleted between the two reads is simply not shown.
  const accounts = ids.flatMap((id) => byId.get(id) ?? []);
  const paths = new Map(departments.map((d) => [d.id, d.path]));
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
    mustChangePassword: a.mustChangePassword,
    mustChangeReason: a.mustChangePassword ? a.mustChangeReason : null,
    passwordChangedAt: a.passwordChangedAt,
    lastLogonAt: a.lastLogonAt,
  }));
  return { rows, total, page: win.page, pageCount: win.pageCount, pageSize: win.pageSize, departments };
}

/** An ILIKE pattern that finds `text` anywhere, its own %, _ and backslash taken literally. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * The list's filters and order, as built for Prisma above, in SQL around the not-ready subquery: each
 * filter the list offers, written once more here (tests/integration/readiness-not-ready-filter.test.ts
 * holds the two to the same rows, in the same order).
 */
function notReadyStatement(
  domainId: string,
  filters: { departments: string[] | null | undefined; search: string | undefined; status: AccountListQuery["status"]; at: Date },
  sort: AccountSort,
) {
  const conditions: Prisma.Sql[] = [Prisma.sql`m."domainId" = ${domainId}`, Prisma.sql`m."id" IN (${notReadyIdsSql(domainId)})`];
  if (filters.departments === null) conditions.push(Prisma.sql`m."departmentId" IS NULL`);
  else if (filters.departments) conditions.push(Prisma.sql`m."departmentId" IN (${Prisma.join(filters.departments)})`);
  if (filters.search) {
    const pattern = containsPattern(filters.search);
    conditions.push(Prisma.sql`(m."displayName" ILIKE ${pattern} OR m."address" ILIKE ${pattern})`);
  }
  if (filters.status === "active") conditions.push(Prisma.sql`m."status" = 'ACTIVE'`);
  if (filters.status === "disabled") conditions.push(Prisma.sql`m."status" = 'DISABLED'`);
  if (filters.status === "locked") conditions.push(Prisma.sql`m."lockedUntil" > ${filters.at}`);
  if (filters.status === "must_change") conditions.push(Prisma.sql`m."mustChangePassword"`);
  const filter = Prisma.join(conditions, " AND ");
  const dir = sort.startsWith("-") ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const order = sort.endsWith("last_logon")
    ? Prisma.sql`m."lastLogonAt" ${dir} NULLS LAST, m."displayName" ASC, m."address" ASC`
    : Prisma.sql`m."displayName" ${dir}, m."address" ${dir}`;
  return {
    count: Prisma.sql`SELECT count(*)::int AS "n" FROM "MailAccount" m WHERE ${filter}`,
    page: (skip: number, take: number) =>
      Prisma.sql`SELECT m."id" FROM "MailAccount" m WHERE ${filter} ORDER BY ${order} LIMIT ${take} OFFSET ${skip}`,
  };
}
