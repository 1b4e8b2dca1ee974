import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/server/db";

export const DOMAINS_PAGE_SIZE = 20;

export interface OperatorDomainRow {
  id: string;
  name: string;
  edition: string;
  status: "ACTIVE" | "SUSPENDED";
  accountsInUse: number;
  createdAt: Date;
}

export interface OperatorDomainList {
  rows: OperatorDomainRow[];
  total: number;
  page: number;
  pageCount: number;
}

/** Email Services: the domains this operator owns (and only those), by name, filtered and paged. */
export async function listOperatorDomains(input: { operatorId: string; query?: string; page?: number }): Promise<OperatorDomainList> {
  const { operatorId, ...opts } = input;
  const query = opts.query?.trim().toLowerCase() ?? "";
  const where: Prisma.DomainWhereInput = { ownerId: operatorId, ...(query ? { name: { contains: query, mode: "insensitive" } } : {}) };
  const db = getDb();
  const total = await db.domain.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / DOMAINS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), pageCount);
  const domains = await db.domain.findMany({
    where,
    orderBy: { name: "asc" },
    skip: (page - 1) * DOMAINS_PAGE_SIZE,
    take: DOMAINS_PAGE_SIZE,
    select: { id: true, name: true, edition: true, status: true, createdAt: true, _count: { select: { accounts: true } } },
  });
  const rows = domains.map(({ _count, ...d }) => ({ ...d, accountsInUse: _count.accounts }));
  return { rows, total, page, pageCount };
}
