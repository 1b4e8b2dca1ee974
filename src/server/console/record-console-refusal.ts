import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent, type Actor } from "@/server/audit/record-audit-event";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";

export type ConsoleRefusalReason = "no_session" | "mail_session" | "not_owner" | "unknown_domain" | "must_change_password";

export interface ConsoleRefusal {
  actor: Actor;
  reason: ConsoleRefusalReason;
  /** What was attempted, e.g. "reset_postmaster_password" or "view_domain". */
  attempted: string;
  /** As the request named it: may be anything, so it is only linked when such a domain exists. */
  domainId?: string | null;
}

/** Audits a console request that was refused (AuditAction.accessRefused, result REFUSED); changes nothing else. */
export async function recordConsoleRefusal(refusal: ConsoleRefusal, meta: RequestMeta): Promise<void> {
  const requested = refusal.domainId?.slice(0, 64) || null;
  const domain = requested ? await getDb().domain.findUnique({ where: { id: requested }, select: { id: true, name: true } }) : null;
  await recordAuditEvent({
    actor: refusal.actor,
    action: AuditAction.accessRefused,
    result: "REFUSED",
    meta,
    domainId: domain?.id ?? null,
    target: domain ? { kind: "DOMAIN", id: domain.id, label: domain.name } : undefined,
    detail: {
      surface: "console",
      attempted: refusal.attempted,
      reason: refusal.reason,
      ...(requested && !domain ? { requestedDomainId: requested } : {}),
    },
  });
}
