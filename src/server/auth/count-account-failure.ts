import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { addMs } from "@/server/clock";
import type { RequestMeta } from "@/server/request-meta";
import { actorKindOf, incrementFailures, lockIfDue, type CredentialKind } from "./credential-store";
import { lockDurationMs, LOCK_AFTER_FAILURES } from "./lockout";

/** One more failed logon of the account (a wrong password or second-step code); true when it locked the account. */
export async function countAccountFailure(
  kind: CredentialKind,
  cred: { id: string; domainId: string | null },
  at: Date,
  login: string,
  meta: RequestMeta,
): Promise<boolean> {
  const failures = await incrementFailures(kind, cred.id, at);
  if (failures < LOCK_AFTER_FAILURES) return false;
  const lock = await lockIfDue(kind, cred.id, LOCK_AFTER_FAILURES, (lockCount) => addMs(at, lockDurationMs(lockCount)));
  if (!lock.locked) return false;
  await recordAuditEvent({
    actor: { kind: "SYSTEM", label: "lockout" },
    action: AuditAction.accountLocked,
    meta,
    domainId: cred.domainId,
    target: { kind: actorKindOf(kind), id: cred.id, label: login },
    detail: { until: lock.until.toISOString(), lockNumber: lock.lockNumber },
  });
  return true;
}
