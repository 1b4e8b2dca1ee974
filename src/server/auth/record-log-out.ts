import "server-only";
import type { AccountActorKind } from "@/server/audit/record-audit-event";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestMeta } from "@/server/request-meta";

/** Audits a Log Off (the session itself is revoked by the caller, with the cookie). */
export async function recordLogOut(
  who: { kind: AccountActorKind; id: string; label: string; domainId?: string | null },
  meta: RequestMeta,
): Promise<void> {
  await recordAuditEvent({
    actor: { kind: who.kind, id: who.id, label: who.label },
    action: AuditAction.logout,
    meta,
    domainId: who.domainId ?? null,
  });
}
