import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { revokeAccountSessions } from "@/server/auth/session-store";
import { now } from "@/server/clock";
import { getDb, transaction } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { closeRecoveryFlows } from "@/server/recovery/close-recovery-flows";
import type { Notice } from "@/server/sms/account-notice";
import { revokeTrustedBrowsers } from "@/server/two-step/trusted-browser";
import { findLiveOwnerLink, recordOwnerLinkEvent, useOwnerLink } from "./owner-link";

export type ReportNotMeResult = { ok: true; notices: Notice[] } | { ok: false; error: "invalid" };

/** Whether the page may offer the button: the link exists, is unused and within its 7 days (nothing else is told). */
export async function isNotMeLinkLive(input: { token: string | undefined }): Promise<boolean> {
  const { token } = input;
  return Boolean(await findLiveOwnerLink("NOT_ME", token, now()));
}

/**
 * "This wasn't me" (SECURITY.md "Second step and recovery strength"): the
 * link is used once, and in the same transaction the account signs out
 * everywhere (sessionVersion + 1 and every Session row revoked), every
 * trusted browser ends, a new password is required at the next logon, and
 * every Forgot Password flow in progress closes. Audited with the event the
 * notice told. The domain's other postmasters hear by SMS and, for a
 * postmaster, the cloud operator by email (returned as notices, sent after
 * the response). The answer names nothing of the account.
 */
export async function reportNotMe(input: { token: string | undefined }, meta: RequestMeta): Promise<ReportNotMeResult> {
  const at = now();
  const link = await findLiveOwnerLink("NOT_ME", input.token, at);
  if (!link) return { ok: false, error: "invalid" };
  const account = await transaction(async (tx) => {
    if (!(await useOwnerLink(tx, link.id, at))) return null;
    const a = await tx.mailAccount.update({
      where: { id: link.mailAccountId },
      data: { sessionVersion: { increment: 1 }, mustChangePassword: true, mustChangeReason: "NOT_ME" },
      select: { id: true, address: true, domainId: true, role: true },
    });
    const sessionsEnded = await revokeAccountSessions("mail", a.id, "reported_not_me", undefined, tx);
    const untrusted = await revokeTrustedBrowsers({ kind: "mail", id: a.id }, "reported_not_me", {}, tx);
    // Every Forgot Password flow in progress closes, its code with it.
    const recoveryFlowsClosed = await closeRecoveryFlows(tx, a.id, "reported_not_me", at);
    const detail = { event: link.event, sessionsEnded, untrusted, recoveryFlowsClosed };
    await recordOwnerLinkEvent("NOT_ME", a, { action: AuditAction.notMeReported, meta, detail }, tx);
    return a;
  });
  if (!account) return { ok: false, error: "invalid" };
  return { ok: true, notices: await alerts(account, at, meta) };
}

/** The domain's other active postmasters with a secure mobile; the domain's cloud operator when the account is a postmaster. */
async function alerts(
  account: { id: string; address: string; domainId: string; role: string },
  at: Date,
  meta: RequestMeta,
): Promise<Notice[]> {
  const db = getDb();
  const actor = { kind: "SYSTEM" as const, label: "notice" };
  const postmasters = await db.mailAccount.findMany({
    where: {
      domainId: account.domainId,
      role: "POSTMASTER",
      status: "ACTIVE",
      id: { not: account.id },
      secureMobile: { not: null },
      secureMobileVerifiedAt: { not: null },
    },
    select: { id: true, domainId: true, locale: true, secureMobile: true },
  });
  const notices: Notice[] = postmasters.map((pm) => ({
    type: "account",
    recipient: { id: pm.id, domainId: pm.domainId, locale: pm.locale },
    to: pm.secureMobile as string,
    event: "reported_not_me",
    address: account.address,
    at,
    meta,
    actor,
  }));
  if (account.role === "POSTMASTER") {
    const domain = await db.domain.findUnique({
      where: { id: account.domainId },
      select: { owner: { select: { email: true, locale: true } } },
    });
    if (domain?.owner)
      notices.push({ type: "operator", operator: domain.owner, address: account.address, domainId: account.domainId, at, meta, actor });
  }
  return notices;
}
