import "server-only";
import { maskEmail } from "@/lib/email";
import { domainOf, parseMailbox, type MailboxError } from "@/lib/mailbox";
import { msg, type MessageKey, type MessageRef } from "@/lib/message-ref";
import { accountLocale } from "@/server/accounts/account-locale";
import { AuditAction } from "@/server/audit/audit-action";
import { now } from "@/server/clock";
import { getDb, transaction } from "@/server/db";
import { codeEmail } from "@/server/email/code-email";
import { sendEmail } from "@/server/email/send-email";
import type { RequestMeta } from "@/server/request-meta";
import { consumeLimit, refundLimit } from "@/server/security/rate-limit";
import { dropVerification, issueCode, judgeCode, pendingChallenge, type VerificationKey } from "@/server/verification/verification-store";
import { sendSecurityNotice } from "@/server/notices/security-notice";
import { auditSecurityChange, reauthenticate } from "./internal/account-context";
import { refuseBindingCode } from "./internal/binding-rules";

/**
 * Account Security > Backup email address: an address outside the account's
 * own domain (a second way back in when the mailbox itself is the problem).
 * Bind: the current password, then a 6-digit code mailed to the address
 * (SMS_CODE's rules: 5 minutes, 5 tries, 60 s between sends, 5 sends an
 * hour); only the right code binds it. Remove: the current password.
 * Audited with the address masked (a•••@g•••.com).
 */
export function backupEmailKey(accountId: string): VerificationKey {
  return { purpose: "EMAIL_BINDING", target: accountId };
}

// Why an address was refused, next to the field (src/lib/mailbox.ts: one strict mailbox, never a list).
const ADDRESS_ERRORS: Record<MailboxError, MessageKey> = {
  required: "Account.backupEmail.errors.required",
  too_long: "Account.backupEmail.errors.tooLong",
  one_address: "Account.backupEmail.errors.oneAddress",
  unicode_domain: "Account.backupEmail.errors.unicodeDomain",
  invalid: "Account.backupEmail.errors.invalid",
};

export type StartBackupEmailResult =
  | { ok: true; masked: string }
  | { ok: false; error: "invalid"; fieldErrors: { email?: MessageRef[]; currentPassword?: MessageRef[] } }
  | { ok: false; error: "resend_wait"; waitMs: number }
  | { ok: false; error: "rate_limited"; retryAfterMs: number }
  | { ok: false; error: "send_failed" };

export async function startBackupEmailBinding(input: {
  accountId: string;
  email: string;
  currentPassword: string;
  meta: RequestMeta;
}): Promise<StartBackupEmailResult> {
  const email = input.email.trim().toLowerCase();
  const detail = { email: maskEmail(email) };
  const account = await reauthenticate(input.accountId, input.currentPassword, {
    action: AuditAction.backupEmailBound,
    meta: input.meta,
    detail,
  });
  if (!account) return { ok: false, error: "invalid", fieldErrors: { currentPassword: [msg("Password.errors.currentWrong")] } };
  const mailbox = parseMailbox(email);
  if (!mailbox.ok) return { ok: false, error: "invalid", fieldErrors: { email: [msg(ADDRESS_ERRORS[mailbox.error])] } };
  if (mailbox.domain === domainOf(account.address))
    return { ok: false, error: "invalid", fieldErrors: { email: [msg("Account.backupEmail.errors.ownDomain")] } };
  const current = await getDb().mailAccount.findUniqueOrThrow({
    where: { id: account.id },
    select: { backupEmail: true, backupEmailVerifiedAt: true },
  });
  if (current.backupEmail === email && current.backupEmailVerifiedAt)
    return { ok: false, error: "invalid", fieldErrors: { email: [msg("Account.backupEmail.errors.same")] } };

  const limit = await consumeLimit("bindEmailByAccount", account.id);
  if (!limit.allowed) return { ok: false, error: "rate_limited", retryAfterMs: limit.retryAfterMs };
  const issued = await issueCode(backupEmailKey(account.id), { destination: email, fresh: true });
  if (!issued.ok) {
    await refundLimit("bindEmailByAccount", account.id);
    return issued;
  }
  const sent = await sendEmail({
    to: email,
    purpose: "BIND_CODE",
    ...(await codeEmail(issued.code, accountLocale(account.locale, input.meta.locale))),
    accountId: account.id,
    domainId: account.domainId,
    actor: { kind: "MAIL_ACCOUNT", id: account.id, label: account.address },
    meta: input.meta,
  });
  if (!sent.ok) {
    await issued.undo();
    await refundLimit("bindEmailByAccount", account.id);
    return { ok: false, error: "send_failed" };
  }
  return { ok: true, masked: maskEmail(email) };
}

export type ConfirmBackupEmailResult =
  | { ok: true; masked: string }
  | { ok: false; error: "no_pending" | "expired" | "voided" | "not_found" }
  | { ok: false; error: "wrong_code"; attemptsLeft: number };

export async function confirmBackupEmail(input: { accountId: string; code: string; meta: RequestMeta }): Promise<ConfirmBackupEmailResult> {
  const account = await getDb().mailAccount.findUnique({
    where: { id: input.accountId },
    select: { id: true, address: true, domainId: true, status: true, backupEmail: true, backupEmailVerifiedAt: true },
  });
  if (!account || account.status !== "ACTIVE") return { ok: false, error: "not_found" };
  const key = backupEmailKey(account.id);
  const at = now();
  const ready = await pendingChallenge(key, at);
  if (!ready.ok) return ready;
  const previous = account.backupEmailVerifiedAt ? account.backupEmail : null;
  const result = await transaction(async (tx): Promise<ConfirmBackupEmailResult> => {
    const judged = await judgeCode(tx, key, input.code, at);
    const email = judged.verification?.destination ?? ready.pending.destination;
    const masked = maskEmail(email);
    if (judged.verdict === "none") return { ok: false, error: "no_pending" };
    const refused = await refuseBindingCode(judged, (reason) =>
      auditSecurityChange(account, AuditAction.backupEmailBound, "FAILURE", input.meta, { reason, email: masked }, tx),
    );
    if (refused) return refused;
    await tx.mailAccount.update({ where: { id: account.id }, data: { backupEmail: email, backupEmailVerifiedAt: at } });
    await auditSecurityChange(account, AuditAction.backupEmailBound, "SUCCESS", input.meta, { email: masked }, tx);
    return { ok: true, masked };
  });
  // After the commit: the secure mobile and the address it replaced hear of it (never the new address alone).
  if (result.ok) {
    const event = previous ? "backup_email_changed" : "backup_email_bound";
    await sendSecurityNotice({
      accountId: account.id,
      event,
      previous: { email: previous },
      at,
      meta: input.meta,
      actor: selfActor(account),
    });
  }
  return result;
}

const selfActor = (account: { id: string; address: string }) => ({ kind: "MAIL_ACCOUNT" as const, id: account.id, label: account.address });

export async function cancelBackupEmailBinding(input: { accountId: string }): Promise<void> {
  await dropVerification(backupEmailKey(input.accountId));
}

export type RemoveBackupEmailResult = { ok: true } | { ok: false; error: "wrong_password" | "not_bound" };

export async function removeBackupEmail(input: {
  accountId: string;
  currentPassword: string;
  meta: RequestMeta;
}): Promise<RemoveBackupEmailResult> {
  const account = await reauthenticate(input.accountId, input.currentPassword, {
    action: AuditAction.backupEmailRemoved,
    meta: input.meta,
  });
  if (!account) return { ok: false, error: "wrong_password" };
  const row = await getDb().mailAccount.findUniqueOrThrow({ where: { id: account.id }, select: { backupEmail: true } });
  if (!row.backupEmail) return { ok: false, error: "not_bound" };
  await transaction(async (tx) => {
    await tx.mailAccount.update({ where: { id: account.id }, data: { backupEmail: null, backupEmailVerifiedAt: null } });
    await dropVerification(backupEmailKey(account.id), tx);
    await auditSecurityChange(
      account,
      AuditAction.backupEmailRemoved,
      "SUCCESS",
      input.meta,
      { email: maskEmail(row.backupEmail as string) },
      tx,
    );
  });
  await sendSecurityNotice({
    accountId: account.id,
    event: "backup_email_removed",
    previous: { email: row.backupEmail },
    at: now(),
    meta: input.meta,
    actor: selfActor(account),
  });
  return { ok: true };
}
