import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { revokeAccountSessions } from "@/server/auth/session-store";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { postmasterActor, resolveEmployeeTarget } from "./postmaster-access";

export type SignOutEverywhereResult =
  { ok: true; address: string } | { ok: false; error: "forbidden" | "not_found" | "own_account" | "postmaster_account" };

const ATTEMPT = "sessions.sign_out_everywhere";

/**
 * Edit Account > Sign out everywhere (a phished or lost device): every open
 * session of an employee of the postmaster's domain ends at once, in one
 * transaction (sessionVersion + 1, every Session row revoked, audit event).
 * Not for the postmaster's own account, nor for another postmaster.
 */
export async function signOutEverywhere(
  input: { actorId: string; accountId: string },
  meta: RequestMeta,
): Promise<SignOutEverywhereResult> {
  const target = await resolveEmployeeTarget(input.actorId, input.accountId, ATTEMPT, meta);
  if (!target.ok) return target;
  const { postmaster: pm, account } = target;
  await getDb().$transaction(async (tx) => {
    await tx.mailAccount.update({ where: { id: account.id }, data: { sessionVersion: { increment: 1 } } });
    const ended = await revokeAccountSessions("mail", account.id, "signed_out_by_postmaster", undefined, tx);
    await recordAuditEvent(
      {
        actor: postmasterActor(pm),
        action: AuditAction.sessionsEnded,
        domainId: pm.domainId,
        target: { kind: "MAIL_ACCOUNT", id: account.id, label: account.address },
        meta,
        detail: { scope: "all", ended },
      },
      tx,
    );
  });
  return { ok: true, address: account.address };
}
