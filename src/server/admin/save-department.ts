import "server-only";
import { departmentNameErrors } from "@/lib/departments";
import { msg, type MessageRef } from "@/lib/message-ref";
import { AuditAction } from "@/server/audit/audit-action";
import { transaction, type Tx } from "@/server/db";
import { newId } from "@/server/ids";
import type { RequestMeta } from "@/server/request-meta";
import { depthOf, descendantIds, orderTree, subtreeHeight, type DepartmentNode } from "./internal/department-tree";
import { lockDomain } from "./internal/lock-domain";
import { findDomainDepartment } from "./internal/postmaster-access";
import type { Postmaster } from "./postmaster";
import { auditDomainChange } from "./internal/audit-domain-change";

const DEPARTMENT_MAX_DEPTH = 8;

export interface SaveDepartmentInput {
  postmaster: Postmaster;
  /** Absent: create a new department. */
  id?: string | null;
  name: string;
  parentId: string | null;
}

/** Problems with the form's fields, as catalog references (the web layer words them). */
export type DepartmentFieldErrors = { name?: MessageRef[]; parentId?: MessageRef[] };

const NOT_IN_DOMAIN = msg("Admin.departments.errors.parentNotInDomain");

export type SaveDepartmentResult =
  | { ok: true; id: string; changed: boolean }
  | { ok: false; error: "invalid"; fieldErrors: DepartmentFieldErrors }
  | { ok: false; error: "not_found" };

/**
 * Creates, renames or moves a department (one form: name + parent). Sibling
 * names are unique regardless of case; a department cannot move into itself
 * or below itself, nor make the tree deeper than 8 levels. Audited as
 * department.changed.
 */
export async function saveDepartment(input: SaveDepartmentInput, meta: RequestMeta): Promise<SaveDepartmentResult> {
  const attempted = input.id ? "department.update" : "department.create";
  const pm = input.postmaster;
  for (const id of [input.id, input.parentId]) {
    if (id && !(await findDomainDepartment(pm, id, attempted, meta)).ok) {
      return id === input.id
        ? { ok: false, error: "not_found" }
        : { ok: false, error: "invalid", fieldErrors: { parentId: [NOT_IN_DOMAIN] } };
    }
  }
  const name = input.name.trim().normalize("NFC");
  const nameErrors = departmentNameErrors(name);
  if (nameErrors) return { ok: false, error: "invalid", fieldErrors: { name: nameErrors } };

  return transaction(async (tx) => {
    await lockDomain(tx, pm.domainId);
    const rows = await tx.department.findMany({ where: { domainId: pm.domainId }, select: { id: true, name: true, parentId: true } });
    const fieldErrors = checkPlacement(rows, { id: input.id ?? null, name, parentId: input.parentId });
    if (fieldErrors) return { ok: false, error: "invalid", fieldErrors } as const;
    return writeDepartment(tx, pm, rows, { id: input.id ?? null, name, parentId: input.parentId }, meta);
  });
}

function checkPlacement(
  rows: DepartmentNode[],
  d: { id: string | null; name: string; parentId: string | null },
): DepartmentFieldErrors | null {
  if (d.parentId && !rows.some((r) => r.id === d.parentId)) return { parentId: [NOT_IN_DOMAIN] };
  if (d.id && d.parentId && (d.parentId === d.id || descendantIds(rows, d.id).has(d.parentId))) {
    return { parentId: [msg("Admin.departments.errors.intoItself")] };
  }
  const height = d.id ? subtreeHeight(rows, d.id) : 1;
  if (depthOf(rows, d.parentId) + height > DEPARTMENT_MAX_DEPTH) {
    return { parentId: [msg("Admin.departments.errors.tooDeep", { max: DEPARTMENT_MAX_DEPTH })] };
  }
  const clash = rows.find(
    (r) => r.id !== d.id && r.parentId === d.parentId && r.name.localeCompare(d.name, "en", { sensitivity: "accent" }) === 0,
  );
  if (clash) return { name: [msg("Admin.departments.errors.nameTaken", { name: clash.name })] };
  return null;
}

async function writeDepartment(
  tx: Tx,
  pm: Postmaster,
  rows: DepartmentNode[],
  d: { id: string | null; name: string; parentId: string | null },
  meta: RequestMeta,
): Promise<SaveDepartmentResult> {
  const before = d.id ? rows.find((r) => r.id === d.id) : undefined;
  if (before && before.name === d.name && before.parentId === d.parentId) return { ok: true, id: before.id, changed: false };
  const id = d.id ?? newId();
  if (before) await tx.department.update({ where: { id }, data: { name: d.name, parentId: d.parentId } });
  else await tx.department.create({ data: { id, domainId: pm.domainId, name: d.name, parentId: d.parentId } });
  const paths = new Map(orderTree(rows).map((r) => [r.id, r.path]));
  const parentPath = d.parentId ? (paths.get(d.parentId) ?? null) : null;
  const op = !before ? "created" : before.parentId !== d.parentId ? (before.name !== d.name ? "renamed_and_moved" : "moved") : "renamed";
  const detail = before
    ? { op, from: paths.get(before.id) ?? before.name, name: d.name, parent: parentPath }
    : { op, name: d.name, parent: parentPath };
  await auditDomainChange(
    pm,
    {
      action: AuditAction.departmentChanged,
      target: { kind: "DEPARTMENT", id, label: d.name },
      meta,
      detail,
    },
    tx,
  );
  return { ok: true, id, changed: true };
}
