import "server-only";
import { recordAuditEvent, type AuditInput } from "@/server/audit/record-audit-event";
import type { Tx } from "@/server/db";
import type { Postmaster } from "../postmaster";

/** A change a postmaster makes in their own domain, audited in that domain with the postmaster as actor, in the change's transaction. */
export async function auditDomainChange(
  pm: Postmaster,
  change: Pick<AuditInput, "action" | "target" | "meta" | "detail">,
  tx: Tx,
): Promise<void> {
  await recordAuditEvent({ actor: pm.actor, domainId: pm.domainId, ...change }, tx);
}
