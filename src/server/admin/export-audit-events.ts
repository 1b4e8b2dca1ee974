import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { csvLine } from "@/lib/csv";
import { auditRowSelect, auditWhere, type AuditFilter, type AuditRow } from "./list-audit-events";
import type { Postmaster } from "./postmaster";

export const EXPORT_BATCH = 1000;
const EXPORT_MAX_ROWS = 100_000;

const AUDIT_CSV_HEADER = [
  "Time (UTC)",
  "Actor kind",
  "Actor",
  "Action",
  "Target kind",
  "Target",
  "Result",
  "IP address",
  "User agent",
  "Detail",
];

function auditCsvRow(e: AuditRow): string {
  return csvLine([
    e.createdAt.toISOString(),
    e.actorKind,
    e.actorLabel,
    e.action,
    e.targetKind,
    e.targetLabel,
    e.result,
    e.ip,
    e.userAgent,
    e.detail === null || e.detail === undefined ? "" : JSON.stringify(e.detail),
  ]);
}

/**
 * The filtered events as CSV, newest first, read in keyset batches so a large
 * log streams with flat memory; capped at EXPORT_MAX_ROWS.
 */
export function streamAuditCsv(input: { domainId: string; filter: AuditFilter }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const where = auditWhere(input.domainId, input.filter);
  let cursor: { id: string } | undefined;
  let sent = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(AUDIT_CSV_HEADER)));
        return;
      }
      const take = Math.min(EXPORT_BATCH, EXPORT_MAX_ROWS - sent);
      const batch =
        take > 0
          ? await getDb().auditEvent.findMany({
              where,
              orderBy: [{ createdAt: "desc" }, { id: "desc" }],
              take,
              select: auditRowSelect,
              ...(cursor ? { cursor, skip: 1 } : {}),
            })
          : [];
      if (!batch.length) {
        controller.close();
        return;
      }
      sent += batch.length;
      cursor = { id: batch[batch.length - 1].id };
      controller.enqueue(encoder.encode(batch.map(auditCsvRow).join("")));
    },
  });
}

/**
 * Audit Log > Export CSV: the export itself is audited (audit.exported, the page's filters as its
 * detail), then the file streams (streamAuditCsv).
 */
export async function exportAuditLog(
  input: { postmaster: Postmaster; domainName: string; filter: AuditFilter; values: Record<string, string> },
  meta: RequestMeta,
): Promise<ReadableStream<Uint8Array>> {
  const pm = input.postmaster;
  await recordAuditEvent({
    actor: pm.actor,
    action: AuditAction.auditExported,
    domainId: pm.domainId,
    meta,
    target: { kind: "DOMAIN", id: pm.domainId, label: input.domainName },
    detail: { ...input.values },
  });
  return streamAuditCsv({ domainId: pm.domainId, filter: input.filter });
}
