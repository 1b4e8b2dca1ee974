import "server-only";
import { getDb } from "@/server/db";
import { orderTree } from "./internal/department-tree";
import { readinessByDepartment, type DepartmentReadinessRow } from "./internal/readiness-query";
import type { Postmaster } from "./postmaster";

/** The methods Forgot Password offers, in the order the wizard lists them (src/server/recovery/internal/recovery-account.ts). */
export const READINESS_METHODS = ["sms", "email", "questions", "totp", "recoveryCode"] as const;
export type ReadinessMethod = (typeof READINESS_METHODS)[number];

export interface DepartmentReadiness {
  /** null: the accounts in no department. */
  departmentId: string | null;
  /** "Engineering / Backend", as Employee Accounts and Departments show it; null with departmentId null. */
  path: string | null;
  /** Active accounts directly in this department (not its sub-departments: each account counts once). */
  total: number;
  /** Of them, able to reset their own password by Forgot Password. */
  ready: number;
}

export interface RecoveryReadiness {
  /** Active mail accounts of the domain. */
  total: number;
  /** Able to reset their own password by Forgot Password now: as many usable methods as proofs needed. */
  ready: number;
  /** total - ready. */
  notReady: number;
  /**
   * Accounts that can use each method now, the domain's switches applied (a method the policy turned off
   * counts nowhere). Questions count only for accounts that need one proof: an account with two-step logon
   * never uses them. An account counts under every method it has.
   */
  byMethod: Record<ReadinessMethod, number>;
  /** Accounts that need two proofs (two-step logon: postmasters, employees under the domain's rule, anyone with an app). */
  needsTwoProofs: number;
  /** Of those, the ones with two usable methods. */
  readyTwoProofs: number;
  /** Every department of the domain in tree order (by path), then the accounts in no department when there are any. */
  byDepartment: DepartmentReadiness[];
  /** The switches the figures applied, for the page to say why a method counts nowhere. */
  policy: { allowSmsRecovery: boolean; allowEmailRecovery: boolean; allowQuestionRecovery: boolean; requireTwoStepForEmployees: boolean };
}

/**
 * How many of the domain's active accounts could reset their own password by Forgot Password now, as
 * the wizard decides it (canSelfServe, without its temporary rate-limit blocks: readiness is about what
 * is registered), in all, by method and by department. One aggregate query over the domain's accounts
 * (src/server/admin/internal/readiness-query.ts), fast at 100,000 accounts (docs/performance.md); then
 * the department tree, read after it, so every department an account is in is known (a department is
 * deleted only when empty).
 */
export async function getRecoveryReadiness(input: { postmaster: Postmaster }): Promise<RecoveryReadiness> {
  const { domainId } = input.postmaster;
  const db = getDb();
  const rows = await readinessByDepartment(db, domainId);
  const [departments, policy] = await Promise.all([
    db.department.findMany({ where: { domainId }, select: { id: true, name: true, parentId: true } }),
    db.domain.findUniqueOrThrow({
      where: { id: domainId },
      select: { allowSmsRecovery: true, allowEmailRecovery: true, allowQuestionRecovery: true, requireTwoStepForEmployees: true },
    }),
  ]);
  const sum = (pick: (r: DepartmentReadinessRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const total = sum((r) => r.total);
  const ready = sum((r) => r.ready);
  const byId = new Map(rows.map((r) => [r.departmentId, r]));
  const tree = orderTree(departments);
  const byDepartment: DepartmentReadiness[] = tree.map((d) => ({
    departmentId: d.id,
    path: d.path,
    total: byId.get(d.id)?.total ?? 0,
    ready: byId.get(d.id)?.ready ?? 0,
  }));
  const known = new Set(tree.map((d) => d.id));
  // Accounts in no department, and (should a department vanish between the two reads) in one no longer known.
  const elsewhere = rows.filter((r) => r.departmentId === null || !known.has(r.departmentId));
  if (elsewhere.length)
    byDepartment.push({
      departmentId: null,
      path: null,
      total: elsewhere.reduce((n, r) => n + r.total, 0),
      ready: elsewhere.reduce((n, r) => n + r.ready, 0),
    });
  return {
    total,
    ready,
    notReady: total - ready,
    byMethod: Object.fromEntries(READINESS_METHODS.map((m) => [m, sum((r) => r[m])])) as Record<ReadinessMethod, number>,
    needsTwoProofs: sum((r) => r.needsTwoProofs),
    readyTwoProofs: sum((r) => r.readyTwoProofs),
    byDepartment,
    policy,
  };
}
