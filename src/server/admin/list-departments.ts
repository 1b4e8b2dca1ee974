import "server-only";
import { getDb } from "@/server/db";
import { descendantIds, orderTree, type TreeRow } from "./internal/department-tree";

/** The Departments page leaves a department's own subtree out of its parent choices. */
export { descendantIds };

export type DepartmentRow = TreeRow<{
  id: string;
  name: string;
  parentId: string | null;
  /** Accounts directly in this department. */
  accountCount: number;
  /** Accounts here and in every sub-department. */
  totalCount: number;
  childCount: number;
}>;

export interface DepartmentList {
  departments: DepartmentRow[];
  /** Accounts of the domain in no department. */
  unassigned: number;
}

/** The domain's department tree in display order, with account counts (one grouped count query). */
export async function listDepartments(input: { domainId: string }): Promise<DepartmentList> {
  const { domainId } = input;
  const db = getDb();
  const [rows, counts] = await Promise.all([
    db.department.findMany({ where: { domainId }, select: { id: true, name: true, parentId: true } }),
    db.mailAccount.groupBy({ by: ["departmentId"], where: { domainId }, _count: { _all: true } }),
  ]);
  const direct = new Map(counts.map((c) => [c.departmentId, c._count._all]));
  const withCounts = rows.map((r) => {
    const below = descendantIds(rows, r.id);
    let totalCount = direct.get(r.id) ?? 0;
    for (const id of below) totalCount += direct.get(id) ?? 0;
    return { ...r, accountCount: direct.get(r.id) ?? 0, totalCount, childCount: rows.filter((c) => c.parentId === r.id).length };
  });
  return { departments: orderTree(withCounts), unassigned: direct.get(null) ?? 0 };
}
