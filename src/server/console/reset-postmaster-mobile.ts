import "server-only";
import { msg, type MessageRef } from "@/lib/message-ref";
import { maskPhone, normalizePhone } from "@/lib/phone";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent, type Actor } from "@/server/audit/record-audit-event";
import { bindingKey, refuseBindingCode } from "@/server/account-security/internal/binding-rules";
import { revokeAccountSessions } from "@/server/auth/session-store";
import { now } from "@/server/clock";
import { getDb, transaction } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { consumeLimit, refundLimit } from "@/server/security/rate-limit";
import type { Notice } from "@/server/sms/account-notice";
import { codeSms } from "@/server/sms/code-sms";
import { sendSms } from "@/server/sms/send-sms";
import { accountLocale } from "@/server/accounts/account-locale";
import { SMS_CODE } from "@/server/verification/sms-code";
import {
  challengeState,
  dropVerification,
  findVerification,
  issueCode,
  judgeCode,
  pendingChallenge,
  type VerificationKey,
} from "@/server/verification/verification-store";
import { confirmConsolePassword } from "./internal/confirm-console-password";
import { findOwnedPostmaster, type ConsoleOperatorRef } from "./internal/find-owned-domain";

/**
 * Email Console > Email Services > Manage > Reset Secure Mobile: for a
 * postmaster whose phone is gone. Step 1: the operator (who must own the
 * domain) types the new number and confirms its console password (the
 * 5-minute re-authentication); a 6-digit code goes by SMS to the new number.
 * Step 2: the code, then Submit: in one transaction the number is bound,
 * every session of the postmaster ends (sessionVersion + 1), and the event
 * is audited with the operator as actor. The old number gets a notice.
 * Codes follow SMS_CODE (6 digits, 5 minutes, 5 tries, 60 s between sends),
 * sends the bindSmsByAccount limit.
 */
const ATTEMPT = "reset_postmaster_mobile";

export function consoleMobileKey(postmasterId: string): VerificationKey {
  return { purpose: "CONSOLE_MOBILE_RESET", target: postmasterId };
}

const operatorActor = (op: ConsoleOperatorRef): Actor => ({ kind: "CLOUD_ACCOUNT", id: op.id, label: op.email });

export interface StartPostmasterMobileResetInput {
  operator: ConsoleOperatorRef & { reauthAt: number | null };
  domainId: string;
  /** As typed: national (read with `country`) or international with +. */
  phone: string;
  country: string;
  /** May be empty within 5 minutes of the last confirmation. */
  consolePassword: string;
}

export type StartPostmasterMobileResetResult =
  | { ok: true; maskedPhone: string; reauthenticated: boolean }
  | { ok: false; error: "not_found" | "no_postmaster" | "reauth_blocked" }
  | { ok: false; error: "resend_wait"; waitMs: number; reauthenticated: boolean }
  | { ok: false; error: "rate_limited"; retryAfterMs: number; reauthenticated: boolean }
  | { ok: false; error: "send_failed"; reauthenticated: boolean }
  | { ok: false; error: "invalid"; fieldErrors: { phone?: MessageRef[]; consolePassword?: MessageRef[] }; reauthenticated: boolean };

export async function startPostmasterMobileReset(
  input: StartPostmasterMobileResetInput,
  meta: RequestMeta,
): Promise<StartPostmasterMobileResetResult> {
  const found = await findOwnedPostmaster(input.operator, input.domainId, ATTEMPT, meta);
  if (!found.ok) return found;
  const { domain, postmaster } = found;

  const parsed = normalizePhone(input.phone, input.country);
  const reauth = await confirmConsolePassword(input.operator, input.consolePassword, ATTEMPT, meta);
  if (!reauth.ok && reauth.error === "blocked") return { ok: false, error: "reauth_blocked" };
  const reauthenticated = reauth.ok && reauth.reauthenticated;
  // Every problem at once, so that one more Send can succeed.
  const fieldErrors: { phone?: MessageRef[]; consolePassword?: MessageRef[] } = {};
  if (!parsed.ok) fieldErrors.phone = [parsed.message];
  else if (postmaster.secureMobile === parsed.e164 && postmaster.secureMobileVerifiedAt)
    fieldErrors.phone = [msg("Console.mobile.errors.sameNumber")];
  if (!reauth.ok) fieldErrors.consolePassword = [reauth.message];
  if (!parsed.ok || fieldErrors.phone || fieldErrors.consolePassword) return { ok: false, error: "invalid", fieldErrors, reauthenticated };

  const key = consoleMobileKey(postmaster.id);
  const limit = await consumeLimit("bindSmsByAccount", postmaster.id);
  if (!limit.allowed) return { ok: false, error: "rate_limited", retryAfterMs: limit.retryAfterMs, reauthenticated };
  const issued = await issueCode(key, { destination: parsed.e164, fresh: true });
  if (!issued.ok) {
    await refundLimit("bindSmsByAccount", postmaster.id);
    return { ...issued, reauthenticated };
  }
  const locale = (await getDb().mailAccount.findUniqueOrThrow({ where: { id: postmaster.id }, select: { locale: true } })).locale;
  const sent = await sendSms({
    to: parsed.e164,
    purpose: "BIND_CODE",
    ...(await codeSms(issued.code, accountLocale(locale, meta.locale))),
    accountId: postmaster.id,
    domainId: domain.id,
    actor: operatorActor(input.operator),
    meta,
  });
  if (!sent.ok) {
    await issued.undo();
    // A timed-out send may still arrive: it keeps counting against the limit.
    if (!sent.mayHaveBeenSent) await refundLimit("bindSmsByAccount", postmaster.id);
    return { ok: false, error: "send_failed", reauthenticated };
  }
  return { ok: true, maskedPhone: maskPhone(parsed.e164), reauthenticated };
}

/** The pending reset of this domain's postmaster, for the page (masked number, whether a code can be entered). */
export async function getPendingPostmasterMobileReset(input: { operator: ConsoleOperatorRef; domainId: string }, meta: RequestMeta) {
  const found = await findOwnedPostmaster(input.operator, input.domainId, "view_postmaster_mobile_reset", meta);
  if (!found.ok) return null;
  const { domain, postmaster } = found;
  const pending = await findVerification(consoleMobileKey(postmaster.id));
  const at = now();
  if (!pending) return { domain, postmaster, pending: null };
  const challenge = challengeState(pending, at);
  // No code left in the row (its send failed) reads as expired: a new one must be sent.
  const state: "active" | "expired" | "voided" = challenge === "none" ? "expired" : challenge;
  return { domain, postmaster, pending: { maskedPhone: maskPhone(pending.destination), state } };
}

export type ConfirmPostmasterMobileResetResult =
  | { ok: true; postmaster: string; maskedPhone: string; notices: Notice[] }
  | { ok: false; error: "not_found" | "no_postmaster" | "no_pending" | "expired" | "voided" }
  | { ok: false; error: "wrong_code"; attemptsLeft: number };

export async function confirmPostmasterMobileReset(
  input: { operator: ConsoleOperatorRef; domainId: string; code: string },
  meta: RequestMeta,
): Promise<ConfirmPostmasterMobileResetResult> {
  const found = await findOwnedPostmaster(input.operator, input.domainId, ATTEMPT, meta);
  if (!found.ok) return found;
  const { domain, postmaster } = found;
  const key = consoleMobileKey(postmaster.id);
  const at = now();
  const ready = await pendingChallenge(key, at);
  if (!ready.ok) return ready;
  const pending = ready.pending;

  const actor = operatorActor(input.operator);
  const target = { kind: "MAIL_ACCOUNT" as const, id: postmaster.id, label: postmaster.address };
  // Read before the change: after the commit nothing may fail that would cost the old number its notice.
  const account = await getDb().mailAccount.findUniqueOrThrow({
    where: { id: postmaster.id },
    select: { id: true, address: true, domainId: true, locale: true },
  });
  const previous = postmaster.secureMobile && postmaster.secureMobileVerifiedAt ? postmaster.secureMobile : null;
  const outcome = await transaction(async (tx) => {
    const judged = await judgeCode(tx, key, input.code, at);
    const phone = judged.verification?.destination ?? pending.destination;
    const audit = (result: "SUCCESS" | "FAILURE", detail: Record<string, string | number>) =>
      recordAuditEvent({ actor, action: AuditAction.mobileResetByConsole, result, target, domainId: domain.id, meta, detail }, tx);
    if (judged.verdict === "none")
      return {
        ok: false as const,
        error: (judged.verification?.codeAttempts ?? 0) >= SMS_CODE.maxAttempts ? ("voided" as const) : ("no_pending" as const),
      };
    const refused = await refuseBindingCode(judged, (reason) => audit("FAILURE", { reason, phone: maskPhone(phone) }));
    if (refused) return refused;
    await tx.mailAccount.update({
      where: { id: postmaster.id },
      data: { secureMobile: phone, secureMobileVerifiedAt: at, sessionVersion: { increment: 1 } },
    });
    const ended = await revokeAccountSessions("mail", postmaster.id, "mobile_reset_by_console", undefined, tx);
    // A binding the postmaster had started on Account Security is void now.
    await dropVerification(bindingKey(postmaster.id), tx);
    await audit("SUCCESS", { phone: maskPhone(phone), ...(previous ? { previous: maskPhone(previous) } : {}), sessionsEnded: ended });
    return { ok: true as const, phone };
  });
  if (!outcome.ok) return outcome;
  const notices: Notice[] =
    previous && previous !== outcome.phone ? [{ type: "mobile", account, previous, next: outcome.phone, at, meta, actor }] : [];
  return { ok: true, postmaster: postmaster.address, maskedPhone: maskPhone(outcome.phone), notices };
}
