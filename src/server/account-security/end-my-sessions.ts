import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { revokeAccountSessions, revokeSessionRecord } from "@/server/auth/session-store";

export interface MySessionsCaller {
  accountId: string;
  address: string;
  domainId: string;
  /** This browser's session: never ended here (Log Off does that). */
  currentSessionId: string;
}

export type EndMySessionsResult = { ok: true; ended: number } | { ok: false; error: "not_found" | "current" };

/**
 * Account Security > Sessions: the signed-in user ends one of its other
 * sessions (a lost laptop, a shared computer), or all of them. A session id
 * of another account, or of the console, answers not_found like a missing one.
 */
export async function endMySessions(
  caller: MySessionsCaller,
  which: { sessionId: string } | "all_others",
  meta: RequestMeta,
): Promise<EndMySessionsResult> {
  let ended: number;
  if (which === "all_others") {
    ended = await revokeAccountSessions("mail", caller.accountId, "ended_by_owner", caller.currentSessionId);
  } else {
    if (which.sessionId === caller.currentSessionId) return { ok: false, error: "current" };
    const row = await getDb().session.findUnique({
      where: { id: which.sessionId },
      select: { kind: true, mailAccountId: true, revokedAt: true },
    });
    if (!row || row.kind !== "MAIL" || row.mailAccountId !== caller.accountId) return { ok: false, error: "not_found" };
    await revokeSessionRecord(which.sessionId, "ended_by_owner");
    ended = row.revokedAt ? 0 : 1;
  }
  const who = { kind: "MAIL_ACCOUNT" as const, id: caller.accountId, label: caller.address };
  await recordAuditEvent({
    actor: who,
    target: who,
    action: AuditAction.sessionsEnded,
    domainId: caller.domainId,
    meta,
    detail: { scope: which === "all_others" ? "all_others" : "one", ended },
  });
  return { ok: true, ended };
}
