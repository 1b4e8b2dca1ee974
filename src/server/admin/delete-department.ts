import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { transaction } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { lockDomain } from "./internal/lock-domain";
import { findDomainDepartment } from "./internal/postmaster-access";
import type { Postmaster } from "./postmaster";
import { auditDomainChange } from "./internal/audit-domain-change";

export type DeleteDepartmentResult = { ok: true; name: string } | { ok: false; error: "not_found" | "not_empty" };

/** Deletes a department that has neither accounts nor sub-departments (checked under the domain lock). */
export async function deleteDepartment(input: { postmaster: Postmaster; id: string }, meta: RequestMeta): Promise<DeleteDepartmentResult> {
  const attempted = "department.delete";
  const pm = input.postmaster;
  const found = await findDomainDepartment(pm, input.id, attempted, meta);
  if (!found.ok) return found;
  const { department } = found;
  return transaction(async (tx) => {
    await lockDomain(tx, pm.domainId);
    const accounts = await tx.mailAccount.count({ where: { domainId: pm.domainId, departmentId: department.id } });
    const children = await tx.department.count({ where: { parentId: department.id } });
    if (accounts || children) return { ok: false, error: "not_empty" } as const;
    const deleted = await tx.department.deleteMany({ where: { id: department.id, domainId: pm.domainId } });
    if (!deleted.count) return { ok: false, error: "not_found" } as const;
    await auditDomainChange(
      pm,
      {
        action: AuditAction.departmentChanged,
        target: { kind: "DEPARTMENT", id: department.id, label: department.name },
        meta,
        detail: { op: "deleted", name: department.name },
      },
      tx,
    );
    return { ok: true, name: department.name } as const;
  });
}
