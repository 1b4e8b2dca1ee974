import "server-only";
import { UNKNOWN_IP } from "@/lib/client-ip";
import { EXPIRY_REMINDER_DAYS, passwordExpiresAt, type PasswordRules } from "@/lib/password-policy/profiles";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent, type Actor } from "@/server/audit/record-audit-event";
import { DAY, now } from "@/server/clock";
import { getDb } from "@/server/db";
import { sendExpiryReminder, type ExpiryReminderResult } from "@/server/notices/expiry-reminder";
import { findNoticeAccount } from "@/server/notices/security-notice";
import type { RequestMeta } from "@/server/request-meta";
import { domainRules } from "./domain-password-policy";

/** Reminder stages, smallest first: the stage of d days left is the smallest one ≥ d. */
const STAGES = [...EXPIRY_REMINDER_DAYS].sort((a, b) => a - b);
const ACTOR: Actor = { kind: "SYSTEM", label: "expiry_reminder" };
const SWEEP_META: RequestMeta = { ip: UNKNOWN_IP, userAgent: "postkey expiry reminders" };
export const DEFAULT_REMINDER_PAGE = 200;

export interface DueReminder {
  stage: number;
  days: number;
  expiresAt: Date;
}

/**
 * The reminder an account's password is due now, or null. `expiresAt`: when
 * it expires (passwordExpiresAt: the later of its change and the expiry's
 * coming into force, plus the days). Days left =
 * ceil(time left / 1 day), its stage the smallest of 14/7/1 that is ≥ it; due
 * when no reminder or only a larger stage was sent for this password. A sweep
 * that missed a stage sends the current one only. An expired password gets
 * none: logon forces the change (password-change-due.ts, the same instant).
 */
export function dueReminder(expiresAt: Date, at: Date, lastStage: number | null): DueReminder | null {
  const left = expiresAt.getTime() - at.getTime();
  if (left <= 0) return null;
  const days = Math.ceil(left / DAY);
  const stage = STAGES.find((s) => s >= days);
  if (stage === undefined || (lastStage !== null && lastStage <= stage)) return null;
  return { stage, days, expiresAt };
}

export interface SendExpiryRemindersResult {
  /** Accounts claimed (each gets one audit event, sent or not). */
  reminded: number;
  /** The page was full or stopped early: call again for the rest. */
  more: boolean;
  /** The SMS hourly cap refused a reminder: it was released for a later run, and this run stopped. */
  stoppedBy: "sms_cap" | "stopped" | null;
}

/**
 * The reminders of custom profiles' expiry (SECURITY.md "Passwords"): at most
 * `limit` accounts a call, the most urgent first. Each reminder is claimed by
 * a conditional update before anything is sent, so parallel sweeps and
 * several instances send it once; one message per account per run.
 */
export async function sendExpiryReminders(
  input: { at?: Date; limit?: number; signal?: AbortSignal } = {},
  meta: RequestMeta = SWEEP_META,
): Promise<SendExpiryRemindersResult> {
  const at = input.at ?? now();
  const limit = input.limit ?? DEFAULT_REMINDER_PAGE;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number ≥ 1, not ${limit}`);
  let reminded = 0;
  let budget = limit;
  for (const domain of await domainsWithExpiry()) {
    const rows = await dueAccounts(domain, at, budget);
    for (const row of rows) {
      if (input.signal?.aborted) return { reminded, more: true, stoppedBy: "stopped" };
      const outcome = await remindAccount(row, domain, at, meta);
      if (outcome.claimed) reminded++;
      if (outcome.capped) return { reminded, more: true, stoppedBy: "sms_cap" };
    }
    budget -= rows.length;
    if (budget <= 0) return { reminded, more: true, stoppedBy: null };
  }
  return { reminded, more: false, stoppedBy: null };
}

interface DomainExpiry {
  id: string;
  rules: PasswordRules & { expiryDays: number };
}

async function domainsWithExpiry(): Promise<DomainExpiry[]> {
  const domains = await getDb().domain.findMany({
    where: { passwordProfile: "CUSTOM" },
    select: { id: true, passwordProfile: true, customPasswordPolicy: true, requireTwoStepForEmployees: true },
    orderBy: { id: "asc" },
  });
  return domains.flatMap((d) => {
    const rules = domainRules(d);
    const { expiryDays } = rules;
    return expiryDays === null ? [] : [{ id: d.id, rules: { ...rules, expiryDays } }];
  });
}

const ACCOUNT_SELECT = { id: true, domainId: true, address: true, passwordChangedAt: true, passwordExpiryReminder: true } as const;

/**
 * One domain's accounts with a reminder due: each stage's band of
 * passwordChangedAt (time left in (1, 7] days is stage 7, …) with the stages
 * already sent left out, so a run reads only what it will send and a
 * reminded account drops out of the next page.
 */
function dueAccounts(domain: DomainExpiry, at: Date, take: number) {
  const base = at.getTime() - domain.rules.expiryDays * DAY;
  // When the expiry came into force: passwords changed before it are counted from it.
  const since = new Date(domain.rules.expirySince ? Date.parse(domain.rules.expirySince) : 0);
  const bands = STAGES.map((stage, i) => {
    const from = new Date(base + (STAGES[i - 1] ?? 0) * DAY);
    const to = new Date(base + stage * DAY);
    // Counted from max(passwordChangedAt, since): a password changed before the expiry came into force is in
    // the band of `since` itself.
    const sinceInBand = since > from && since <= to;
    return {
      OR: [{ passwordChangedAt: { gt: from, lte: to, gte: since } }, ...(sinceInBand ? [{ passwordChangedAt: { lt: since } }] : [])],
      AND: [{ OR: [{ passwordExpiryReminder: null }, { passwordExpiryReminder: { gt: stage } }] }],
    };
  });
  return getDb().mailAccount.findMany({
    where: { domainId: domain.id, status: "ACTIVE", OR: bands },
    select: ACCOUNT_SELECT,
    orderBy: [{ passwordChangedAt: "asc" }, { id: "asc" }],
    take,
  });
}

type DueRow = Awaited<ReturnType<typeof dueAccounts>>[number];

async function remindAccount(row: DueRow, domain: DomainExpiry, at: Date, meta: RequestMeta) {
  const due = dueReminder(passwordExpiresAt(domain.rules, row.passwordChangedAt)!, at, row.passwordExpiryReminder);
  if (!due) return { claimed: false, capped: false };
  const db = getDb();
  // Claimed before sending: of parallel sweeps one wins; a password changed meanwhile is not claimed.
  const read = { id: row.id, passwordChangedAt: row.passwordChangedAt };
  const { count } = await db.mailAccount.updateMany({
    where: { ...read, status: "ACTIVE", passwordExpiryReminder: row.passwordExpiryReminder },
    data: { passwordExpiryReminder: due.stage },
  });
  if (count !== 1) return { claimed: false, capped: false };
  // Its verified channels and language, read once claimed (the few accounts reminded, not every candidate).
  const account = await findNoticeAccount(row.id);
  const sent: ExpiryReminderResult =
    account && (account.secureMobile || account.backupEmail) ? await sendExpiryReminder({ account, ...due, meta, actor: ACTOR }) : {};
  if (sent.sms === "capped" && sent.email !== "sent") {
    // Nothing reached the owner: the next run tries again (the cap keeps recovery codes flowing meanwhile).
    await db.mailAccount.updateMany({
      where: { ...read, passwordExpiryReminder: due.stage },
      data: { passwordExpiryReminder: row.passwordExpiryReminder },
    });
    return { claimed: false, capped: true };
  }
  await recordAuditEvent({
    actor: ACTOR,
    action: AuditAction.passwordExpiryReminded,
    meta,
    domainId: row.domainId,
    target: { kind: "MAIL_ACCOUNT", id: row.id, label: row.address },
    detail: { days: due.days, stage: due.stage, ...channelsOf(sent) },
  });
  return { claimed: true, capped: sent.sms === "capped" };
}

/** The audit detail: the channels the reminder went out on ("none" for an account without one), and any that failed. */
function channelsOf(sent: ExpiryReminderResult): { channels: string; failed?: string } {
  const tried = [
    ["sms", sent.sms],
    ["email", sent.email],
  ].filter(([, r]) => r !== undefined);
  const ok = tried.filter(([, r]) => r === "sent").map(([c]) => c);
  const failed = tried.filter(([, r]) => r !== "sent").map(([c]) => c);
  return { channels: ok.length ? ok.join(",") : "none", ...(failed.length ? { failed: failed.join(",") } : {}) };
}
