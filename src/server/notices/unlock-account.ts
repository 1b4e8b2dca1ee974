import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { now } from "@/server/clock";
import { transaction } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { resetLimit } from "@/server/security/rate-limit";
import { findLiveOwnerLink, recordOwnerLinkEvent, useOwnerLink } from "./owner-link";

/** Whether the page may offer the button (nothing else is told). */
export async function isUnlockLinkLive(input: { token: string | undefined }): Promise<boolean> {
  const { token } = input;
  return Boolean(await findLiveOwnerLink("UNLOCK", token, now()));
}

/**
 * The self-service unlock (SECURITY.md "Logon"): the link sent to the
 * owner's channels when its account was locked lifts that lock, once,
 * without a reset: the failed-logon count starts again and the logon stops
 * asking for the image code. The link opens the lock it was sent for only
 * (a later lock needs its own notice); audited as account.unlocked.
 */
export async function unlockWithLink(
  input: { token: string | undefined },
  meta: RequestMeta,
): Promise<{ ok: true } | { ok: false; error: "invalid" }> {
  const at = now();
  const link = await findLiveOwnerLink("UNLOCK", input.token, at);
  const lockNumber = Number(link?.event.split(":")[1]);
  if (!link || !Number.isInteger(lockNumber)) return { ok: false, error: "invalid" };
  const account = await transaction(async (tx) => {
    if (!(await useOwnerLink(tx, link.id, at))) return null;
    const { count } = await tx.mailAccount.updateMany({
      where: { id: link.mailAccountId, lockCount: lockNumber, lockedUntil: { gt: at } },
      data: { lockedUntil: null, failedLogonCount: 0, lastFailedLogonAt: null },
    });
    if (count !== 1) return null;
    const a = await tx.mailAccount.findUniqueOrThrow({
      where: { id: link.mailAccountId },
      select: { id: true, address: true, domainId: true },
    });
    await recordOwnerLinkEvent("UNLOCK", a, { action: AuditAction.accountUnlocked, meta, detail: { by: "owner_link", lockNumber } }, tx);
    return a;
  });
  if (!account) return { ok: false, error: "invalid" };
  await resetLimit("logonFailuresByAddress", `mail:${account.address}`);
  return { ok: true };
}
