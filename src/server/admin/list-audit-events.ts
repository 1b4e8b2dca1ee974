import "server-only";
import type { AuditResult } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/server/db";
import { pageWindow, type Paged } from "./internal/paging";

const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  /** Part of an address: events whose actor or target it names. */
  account?: string;
  action?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export interface AuditRow {
  id: string;
  createdAt: Date;
  actorKind: string;
  actorLabel: string | null;
  action: string;
  targetKind: string | null;
  targetLabel: string | null;
  result: AuditResult;
  ip: string;
  userAgent: string;
  detail: unknown;
}

export const auditRowSelect = {
  id: true,
  createdAt: true,
  actorKind: true,
  actorLabel: true,
  action: true,
  targetKind: true,
  targetLabel: true,
  result: true,
  ip: true,
  userAgent: true,
  detail: true,
} as const;

/** Always scoped to one domain: a postmaster never sees another domain's events. */
export function auditWhere(domainId: string, f: AuditFilter): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = { domainId };
  if (f.action) where.action = f.action;
  if (f.from || f.to) where.createdAt = { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) };
  const account = f.account?.trim();
  if (account) {
    where.OR = [{ actorLabel: { contains: account, mode: "insensitive" } }, { targetLabel: { contains: account, mode: "insensitive" } }];
  }
  return where;
}

/** One page of the domain's audit events, newest first (the (domainId, createdAt) index). */
export async function listAuditEvents(input: { domainId: string; filter: AuditFilter; page?: number }): Promise<Paged<AuditRow>> {
  const { domainId, filter, page } = input;
  const db = getDb();
  const where = auditWhere(domainId, filter);
  const total = await db.auditEvent.count({ where });
  const win = pageWindow(total, page, AUDIT_PAGE_SIZE);
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: win.skip,
    take: win.pageSize,
    select: auditRowSelect,
  });
  return { rows, total, page: win.page, pageCount: win.pageCount, pageSize: win.pageSize };
}
