import "server-only";
import { AuditAction, type AuditActionName } from "@/server/audit/audit-action";
import { recordAuditEvent, type Actor } from "@/server/audit/record-audit-event";
import { revokeAccountSessions } from "@/server/auth/session-store";
import { now } from "@/server/clock";
import { transaction, type Tx } from "@/server/db";
import { closeRecoveryFlows } from "@/server/recovery/close-recovery-flows";
import type { RequestMeta } from "@/server/request-meta";
import type { AccountNoticeEvent, Notice } from "@/server/sms/account-notice";
import { maskPhone } from "@/lib/phone";
import { dropVerification } from "@/server/verification/verification-store";
import { bindingKey } from "@/server/account-security/internal/binding-rules";
import type { DomainAccount } from "./postmaster-access";
import type { Postmaster } from "../postmaster";

export const ACCOUNT_ACTIONS = ["disable", "enable", "remove_mobile", "clear_questions", "sign_out", "require_change"] as const;
export type AccountActionName = (typeof ACCOUNT_ACTIONS)[number];

/**
 * How each of the postmaster's one-click actions changes one account already resolved as an employee of
 * the postmaster's domain (account-actions.ts for Edit Account, bulk-account-action.ts for a batch): one
 * transaction with its audit event, and the owner's SMS notice returned where one is due.
 */
interface Row {
  status: "ACTIVE" | "DISABLED";
  mustChangePassword: boolean;
  secureMobile: string | null;
  secureMobileVerifiedAt: Date | null;
  locale: string | null;
  questions: number;
}

/** What an audit event's detail may hold here: plain values only (never a secret; numbers masked). */
type Detail = Record<string, string | number | boolean>;

type Step = (
  tx: Tx,
  account: DomainAccount,
  row: Row,
  at: Date,
) => Promise<{ action: AuditActionName; detail?: Detail; notice?: AccountNoticeEvent; to?: string } | null>;

/** Each action: what it writes (null when there is nothing to change) and what it audits. */
const STEPS: Record<AccountActionName, Step> = {
  async disable(tx, account, row, at) {
    if (row.status === "DISABLED") return null;
    await tx.mailAccount.update({ where: { id: account.id }, data: { status: "DISABLED", sessionVersion: { increment: 1 } } });
    const ended = await revokeAccountSessions("mail", account.id, "account_disabled", undefined, tx);
    await closeRecoveryFlows(tx, account.id, "account_disabled", at);
    return { action: AuditAction.accountDisabled, detail: { sessionsEnded: ended }, ...boundMobile(row, "disabled") };
  },
  async enable(tx, account, row) {
    if (row.status === "ACTIVE") return null;
    await tx.mailAccount.update({ where: { id: account.id }, data: { status: "ACTIVE" } });
    return { action: AuditAction.accountEnabled };
  },
  async remove_mobile(tx, account, row) {
    if (!row.secureMobile) return null;
    await tx.mailAccount.update({ where: { id: account.id }, data: { secureMobile: null, secureMobileVerifiedAt: null } });
    await dropVerification(bindingKey(account.id), tx);
    // The owner hears it on the number that was bound (it is no longer theirs to recover with).
    return {
      action: AuditAction.mobileRemoved,
      detail: { phone: maskPhone(row.secureMobile), by: "postmaster" },
      ...boundMobile(row, "mobile_removed"),
    };
  },
  async clear_questions(tx, account, row) {
    if (row.questions === 0) return null;
    await tx.securityQuestion.deleteMany({ where: { accountId: account.id } });
    return { action: AuditAction.questionsCleared, detail: { questions: row.questions }, ...boundMobile(row, "questions_cleared") };
  },
  async sign_out(tx, account) {
    await tx.mailAccount.update({ where: { id: account.id }, data: { sessionVersion: { increment: 1 } } });
    const ended = await revokeAccountSessions("mail", account.id, "signed_out_by_postmaster", undefined, tx);
    return { action: AuditAction.sessionsEnded, detail: { scope: "all", ended } };
  },
  async require_change(tx, account, row) {
    if (row.mustChangePassword) return null;
    await tx.mailAccount.update({ where: { id: account.id }, data: { mustChangePassword: true, mustChangeReason: "POSTMASTER" } });
    return { action: AuditAction.passwordChangeRequired };
  },
};

/** A notice to the bound (verified) secure mobile, when there is one. */
function boundMobile(row: Row, notice: AccountNoticeEvent): { notice?: AccountNoticeEvent; to?: string } {
  return row.secureMobile && row.secureMobileVerifiedAt ? { notice, to: row.secureMobile } : {};
}

/** One action on one account already resolved as an employee of the postmaster's domain. */
export async function applyAccountAction(
  pm: Postmaster,
  account: DomainAccount,
  name: AccountActionName,
  meta: RequestMeta,
  detail: Detail = {},
): Promise<{ ok: true; address: string; changed: boolean; notices: Notice[] }> {
  const at = now();
  const actor: Actor = pm.actor;
  const done = await transaction(async (tx) => {
    const row = await tx.mailAccount.findUniqueOrThrow({
      where: { id: account.id },
      select: {
        status: true,
        mustChangePassword: true,
        secureMobile: true,
        secureMobileVerifiedAt: true,
        locale: true,
        _count: { select: { securityQuestions: true } },
      },
    });
    const outcome = await STEPS[name](tx, account, { ...row, questions: row._count.securityQuestions }, at);
    if (!outcome) return null;
    await recordAuditEvent(
      {
        actor,
        action: outcome.action,
        domainId: pm.domainId,
        target: { kind: "MAIL_ACCOUNT", id: account.id, label: account.address },
        meta,
        detail: { ...outcome.detail, ...detail },
      },
      tx,
    );
    return { outcome, locale: row.locale };
  });
  const notices: Notice[] =
    done?.outcome.notice && done.outcome.to
      ? [
          {
            type: "account",
            recipient: { id: account.id, domainId: account.domainId, locale: done.locale },
            to: done.outcome.to,
            event: done.outcome.notice,
            address: account.address,
            at,
            meta,
            actor,
          },
        ]
      : [];
  return { ok: true, address: account.address, changed: done !== null, notices };
}
