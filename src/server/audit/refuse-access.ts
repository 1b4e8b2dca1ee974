import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent, type Actor } from "@/server/audit/record-audit-event";
import type { RequestMeta } from "@/server/request-meta";

/** Why a caller was refused (access.refused, result REFUSED): who tried what, on whom, and why. */
export type RefusalReason =
  | "no_session"
  | "not_postmaster"
  | "must_change_password"
  | "two_step_setup_required"
  /** A setup-only session that has set up its method: it may only log off. */
  | "log_on_again"
  | "other_domain"
  | "own_account"
  | "postmaster_account";

export async function refuseAccess(input: {
  actor: Actor;
  attempted: string;
  reason: RefusalReason;
  domainId: string | null;
  target?: { id: string; label: string; kind?: "MAIL_ACCOUNT" | "DEPARTMENT" | "DOMAIN" };
  meta: RequestMeta;
}): Promise<void> {
  const { target } = input;
  await recordAuditEvent({
    actor: input.actor,
    action: AuditAction.accessRefused,
    result: "REFUSED",
    domainId: input.domainId,
    target: target ? { kind: target.kind ?? "MAIL_ACCOUNT", id: target.id, label: target.label } : undefined,
    meta: input.meta,
    detail: { attempted: input.attempted, reason: input.reason },
  });
}
