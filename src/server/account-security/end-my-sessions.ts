import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { getDb, transaction } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { revokeAccountSessions, revokeSessionRecord } from "@/server/auth/session-store";
import { revokeTrustedBrowsers } from "@/server/two-step/trusted-browser";

export interface MySessionsCaller {
  accountId: string;
  address: string;
  domainId: string;
  /** This browser's session: never ended here (Log Off does that). */
  currentSessionId: string;
  /** This browser's trust ("Trust this browser for 30 days"), kept when all others end. */
  currentTrustId?: string | null;
}

export type EndMySessionsResult = { ok: true; ended: number; untrusted: number } | { ok: false; error: "not_found" | "current" };

/**
 * Account Security > Sessions: the signed-in user ends one of its other
 * sessions (a lost laptop, a shared computer), or all of them — and then
 * every other browser's trust too, so a lost laptop with a saved password
 * is asked for the second step again (SECURITY.md). A session id of another
 * account, or of the console, answers not_found like a missing one.
 */
export async function endMySessions(
  input: { caller: MySessionsCaller; which: { sessionId: string } | "all_others" },
  meta: RequestMeta,
): Promise<EndMySessionsResult> {
  const { caller, which } = input;
  let ended: number;
  let untrusted = 0;
  if (which === "all_others") {
    [ended, untrusted] = await transaction(async (tx) => [
      await revokeAccountSessions("mail", caller.accountId, "ended_by_owner", caller.currentSessionId, tx),
      await revokeTrustedBrowsers({ kind: "mail", id: caller.accountId }, "ended_by_owner", { keepId: caller.currentTrustId }, tx),
    ]);
  } else {
    if (which.sessionId === caller.currentSessionId) return { ok: false, error: "current" };
    const row = await getDb().session.findUnique({
      where: { id: which.sessionId },
      select: { kind: true, mailAccountId: true, revokedAt: true },
    });
    if (!row || row.kind !== "MAIL" || row.mailAccountId !== caller.accountId) return { ok: false, error: "not_found" };
    await revokeSessionRecord({ sessionId: which.sessionId, reason: "ended_by_owner" });
    ended = row.revokedAt ? 0 : 1;
  }
  const who = { kind: "MAIL_ACCOUNT" as const, id: caller.accountId, label: caller.address };
  await recordAuditEvent({
    actor: who,
    target: who,
    action: AuditAction.sessionsEnded,
    domainId: caller.domainId,
    meta,
    detail: { scope: which === "all_others" ? "all_others" : "one", ended, untrusted },
  });
  return { ok: true, ended, untrusted };
}
