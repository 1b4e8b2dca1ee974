import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { postmasterActor, resolvePostmaster } from "./postmaster-access";

export type UpdateTwoStepPolicyResult = { ok: true; changed: boolean } | { ok: false; error: "forbidden" };

/**
 * "Require two-step logon for employees" (postmasters always have it).
 * Employees without a method are then asked to set one up at their next
 * logon; audited with before and after.
 */
export async function updateTwoStepPolicy(
  input: { actorId: string; requireTwoStepForEmployees: boolean },
  meta: RequestMeta,
): Promise<UpdateTwoStepPolicyResult> {
  const caller = await resolvePostmaster(input.actorId, "policy.two_step", meta);
  if (!caller.ok) return caller;
  const pm = caller.postmaster;
  return getDb().$transaction(async (tx) => {
    const before = await tx.domain.findUniqueOrThrow({
      where: { id: pm.domainId },
      select: { name: true, requireTwoStepForEmployees: true },
    });
    if (before.requireTwoStepForEmployees === input.requireTwoStepForEmployees) return { ok: true, changed: false };
    await tx.domain.update({ where: { id: pm.domainId }, data: { requireTwoStepForEmployees: input.requireTwoStepForEmployees } });
    await recordAuditEvent(
      {
        actor: postmasterActor(pm),
        action: AuditAction.twoStepPolicyChanged,
        domainId: pm.domainId,
        meta,
        target: { kind: "DOMAIN", id: pm.domainId, label: before.name },
        detail: {
          before: { requireTwoStepForEmployees: before.requireTwoStepForEmployees },
          after: { requireTwoStepForEmployees: input.requireTwoStepForEmployees },
        },
      },
      tx,
    );
    return { ok: true, changed: true };
  });
}
