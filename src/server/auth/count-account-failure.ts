import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { addMs } from "@/server/clock";
import type { RequestMeta } from "@/server/request-meta";
import type { Notice } from "@/server/sms/account-notice";
import { actorKindOf, incrementFailures, lockIfDue, type CredentialKind } from "./credential-store";
import { lockDurationMs, LOCK_AFTER_FAILURES } from "./lockout";

export interface FailureCounted {
  /** This failure locked the account. */
  locked: boolean;
  /** The owner's notice of the lock, with its self-service unlock (mail accounts), to send after the response. */
  notices: Notice[];
}

const NOT_LOCKED: FailureCounted = Object.freeze({ locked: false, notices: [] });

/** One more failed logon of the account (a wrong password or second-step code). */
export async function countAccountFailure(
  kind: CredentialKind,
  cred: { id: string; domainId: string | null },
  at: Date,
  login: string,
  meta: RequestMeta,
): Promise<FailureCounted> {
  const failures = await incrementFailures(kind, cred.id, at);
  if (failures < LOCK_AFTER_FAILURES) return NOT_LOCKED;
  const lock = await lockIfDue(kind, cred.id, LOCK_AFTER_FAILURES, (lockCount) => addMs(at, lockDurationMs(lockCount)));
  if (!lock.locked) return NOT_LOCKED;
  await recordAuditEvent({
    actor: { kind: "SYSTEM", label: "lockout" },
    action: AuditAction.accountLocked,
    meta,
    domainId: cred.domainId,
    target: { kind: actorKindOf(kind), id: cred.id, label: login },
    detail: { until: lock.until.toISOString(), lockNumber: lock.lockNumber },
  });
  const actor = { kind: "SYSTEM" as const, label: "lockout" };
  return {
    locked: true,
    notices: kind === "mail" ? [{ type: "lock", accountId: cred.id, until: lock.until, lockNumber: lock.lockNumber, at, meta, actor }] : [],
  };
}
