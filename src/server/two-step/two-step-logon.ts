import "server-only";
import type { Verification } from "@/generated/prisma/client";
import { maskPhone } from "@/lib/phone";
import { accountLocale } from "@/server/accounts/account-locale";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { isLocked } from "@/server/auth/lockout";
import { countAccountFailure } from "@/server/auth/count-account-failure";
import { actorKindOf, findCredential, updateCounters, type CredentialKind } from "@/server/auth/credential-store";
import { now } from "@/server/clock";
import { getDb, transaction } from "@/server/db";
import { newId, newToken } from "@/server/ids";
import type { RequestMeta } from "@/server/request-meta";
import type { Notice } from "@/server/sms/account-notice";
import { consumeLimit, peekLimit, refundLimit, resetLimit } from "@/server/security/rate-limit";
import { codeSms } from "@/server/sms/code-sms";
import { sendSms } from "@/server/sms/send-sms";
import { resendWaitMs } from "@/server/verification/sms-code";
import { findVerification, issueCode, judgeCode, type VerificationKey } from "@/server/verification/verification-store";
import { useRecoveryCode } from "./recovery-codes";
import { useTotpCode } from "./totp";
import { findTwoStepSubject, TWO_STEP, type TwoStepMethods, type TwoStepSubject } from "./two-step-policy";

/**
 * The second step of a logon. The password step leaves a pending attempt: a
 * Verification row (purpose TWO_STEP_LOGON) whose existence keeps the attempt
 * alive, and claims the browser carries sealed (web/two-step-cookie.ts).
 * Success deletes the row, so the same claims never open a second session;
 * 5 wrong codes, 10 minutes, a reset or a lock end the attempt. Every wrong
 * code also counts as a failed logon of the account (the lock rules).
 */
export interface PendingTwoStep {
  challengeId: string;
  /** A mail logon or the cloud console's. */
  kind: CredentialKind;
  accountId: string;
  /** The account's sessionVersion at the password step: a reset meanwhile ends the attempt. */
  version: number;
  startedAt: number;
}

export type SecondStepMethod = "SMS" | "TOTP" | "RECOVERY_CODE";

const challengeKey = (challengeId: string): VerificationKey => ({ purpose: "TWO_STEP_LOGON", target: challengeId });

const subjectOf = (a: Pick<TwoStepSubject, "kind" | "id" | "login" | "domainId">) => {
  const who = { kind: actorKindOf(a.kind), id: a.id, label: a.login };
  return { actor: who, target: who, domainId: a.domainId };
};

/** After a right password: a new pending attempt (audited two_step.started). */
export async function beginTwoStep(account: TwoStepSubject, meta: RequestMeta): Promise<PendingTwoStep> {
  const at = now();
  const challengeId = newToken();
  await getDb().verification.create({
    data: { id: newId(), ...challengeKey(challengeId), destination: "", sendCount: 0, createdAt: at },
  });
  await recordAuditEvent({ ...subjectOf(account), action: AuditAction.twoStepStarted, meta });
  return { challengeId, kind: account.kind, accountId: account.id, version: account.sessionVersion, startedAt: at.getTime() };
}

export interface TwoStepView {
  address: string;
  methods: { sms: { masked: string } | null; totp: boolean };
  /** An SMS code is waiting to be entered. */
  codeSent: boolean;
  resendInMs: number;
  sentAt: number | null;
}

type Loaded = { ok: true; account: TwoStepSubject; methods: TwoStepMethods; row: Verification } | { ok: false; error: "ended" };

/** The attempt if it is still alive: its row, its 10 minutes, the account active, unlocked and not reset since. */
async function loadAttempt(pending: PendingTwoStep | null, at: Date): Promise<Loaded> {
  if (!pending) return { ok: false, error: "ended" };
  const [row, account, cred] = await Promise.all([
    findVerification(challengeKey(pending.challengeId)),
    findTwoStepSubject({ kind: pending.kind, id: pending.accountId }),
    findCredential(pending.kind, { id: pending.accountId }),
  ]);
  const alive =
    row &&
    account &&
    cred?.active &&
    !isLocked(cred.lockedUntil, at) &&
    account.sessionVersion === pending.version &&
    at.getTime() < pending.startedAt + TWO_STEP.challengeTtlMs;
  if (!alive) return { ok: false, error: "ended" };
  const methods = account.requirement.methods;
  if (!methods.sms && !methods.totp) return { ok: false, error: "ended" };
  return { ok: true, account, methods, row };
}

/** What the second-step page shows; null when the attempt is over (back to the logon page). */
export async function getTwoStepView(input: { pending: PendingTwoStep | null }): Promise<TwoStepView | null> {
  const { pending } = input;
  const at = now();
  const loaded = await loadAttempt(pending, at);
  if (!loaded.ok) return null;
  const { row } = loaded;
  return {
    address: loaded.account.login,
    methods: { sms: loaded.methods.sms ? { masked: maskPhone(loaded.methods.sms) } : null, totp: loaded.methods.totp },
    codeSent: Boolean(row.codeHash && row.codeSentAt),
    resendInMs: resendWaitMs(row, at),
    sentAt: row.codeSentAt?.getTime() ?? null,
  };
}

export type SendLogonCodeResult =
  | { ok: true; masked: string }
  | { ok: false; error: "ended" | "method_unavailable" | "send_failed" | "capped" }
  | { ok: false; error: "resend_wait"; waitMs: number }
  | { ok: false; error: "send_limit"; retryAfterMs: number };

/** "Send code": a 6-digit code to the secure mobile (SMS_CODE's rules), at most 5 an hour per account. */
export async function sendLogonCode(input: { pending: PendingTwoStep | null }, meta: RequestMeta): Promise<SendLogonCodeResult> {
  const { pending } = input;
  const loaded = await loadAttempt(pending, now());
  if (!loaded.ok || !pending) return { ok: false, error: "ended" };
  const { account, methods } = loaded;
  if (!methods.sms) return { ok: false, error: "method_unavailable" };
  const cap = await peekLimit("twoStepSmsByAccount", account.id);
  if (!cap.allowed) return { ok: false, error: "send_limit", retryAfterMs: cap.retryAfterMs };
  const issued = await issueCode(challengeKey(pending.challengeId), { destination: methods.sms });
  if (!issued.ok) return issued;
  const counted = await consumeLimit("twoStepSmsByAccount", account.id);
  if (!counted.allowed) {
    await issued.undo();
    return { ok: false, error: "send_limit", retryAfterMs: counted.retryAfterMs };
  }
  // SMS codes are for mail accounts (an operator has no secure mobile: its methods.sms is null).
  const sent = await sendSms({
    to: methods.sms,
    purpose: "LOGON_CODE",
    ...(await codeSms(issued.code, accountLocale(account.locale, meta.locale))),
    accountId: account.id,
    domainId: account.domainId,
    actor: subjectOf(account).actor,
    meta,
  });
  if (!sent.ok) {
    await issued.undo();
    if (!sent.mayHaveBeenSent) await refundLimit("twoStepSmsByAccount", account.id);
    return { ok: false, error: sent.error };
  }
  return { ok: true, masked: maskPhone(methods.sms) };
}

export interface SignedInAccount {
  accountId: string;
  sessionVersion: number;
  role: string;
  mustChangePassword: boolean;
  locale: string | null;
}

export type CompleteTwoStepResult =
  | { ok: true; account: SignedInAccount }
  /** `ended`: the attempt is over (5 wrong codes, a lock): log on again. `notices`: a lock's, to send after the response. */
  | { ok: false; error: "wrong_code"; ended: boolean; notices?: Notice[] }
  | { ok: false; error: "ended" | "method_unavailable" };

/**
 * Checks the second step by the chosen method. Wrong, expired, used and
 * unknown codes all answer "wrong_code" (the logon's generic answer);
 * each counts once on the attempt and once toward the account's lock. The
 * try is reserved on the attempt before it is judged (one atomic
 * increment), whatever the method: of parallel guesses at most 5 are
 * judged, and the rest end the attempt without a look at their code.
 */
export async function completeTwoStep(
  input: { pending: PendingTwoStep | null; method: SecondStepMethod; code: string },
  meta: RequestMeta,
): Promise<CompleteTwoStepResult> {
  const { pending } = input;
  const at = now();
  const loaded = await loadAttempt(pending, at);
  if (!loaded.ok || !pending) return { ok: false, error: "ended" };
  const { account, methods } = loaded;
  if (input.method === "SMS" ? !methods.sms : !methods.totp) return { ok: false, error: "method_unavailable" };
  const key = challengeKey(pending.challengeId);
  const attempt = await consumeLimit("twoStepFailuresByChallenge", pending.challengeId);
  if (!attempt.allowed) {
    await getDb().verification.deleteMany({ where: key });
    return { ok: false, error: "wrong_code", ended: true };
  }

  let passed: boolean;
  if (input.method === "SMS") {
    passed = await transaction(async (tx) => (await judgeCode(tx, key, input.code, at)).verdict === "ok");
  } else {
    passed = input.method === "TOTP" ? await useTotpCode(account, input.code, at) : await useRecoveryCode(account, input.code);
    // The attempt is claimed once: a parallel success, or an attempt ended meanwhile, opens nothing.
    if (passed) passed = (await getDb().verification.deleteMany({ where: key })).count === 1;
  }
  if (passed) return { ok: true, account: await finishLogon(account, input.method, meta, at) };

  await recordAuditEvent({
    ...subjectOf(account),
    action: AuditAction.twoStepFailed,
    result: "FAILURE",
    meta,
    detail: { method: input.method },
  });
  const counted = await countAccountFailure(account.kind, { id: account.id, domainId: account.domainId }, at, account.login, meta);
  const ended = attempt.used >= TWO_STEP.maxFailures || counted.locked;
  if (ended) await getDb().verification.deleteMany({ where: key });
  return { ok: false, error: "wrong_code", ended, ...(counted.notices.length ? { notices: counted.notices } : {}) };
}

/** The logon is complete: the password step's counters are reset only now (audited logon.success). */
async function finishLogon(account: TwoStepSubject, method: SecondStepMethod, meta: RequestMeta, at: Date): Promise<SignedInAccount> {
  await updateCounters(account.kind, account.id, {
    failedLogonCount: 0,
    lastFailedLogonAt: null,
    lockedUntil: null,
    lockCount: 0,
    ...(account.kind === "mail" ? { lastLogonAt: at } : {}),
  });
  await resetLimit("logonFailuresByAddress", `${account.kind}:${account.login}`);
  await recordAuditEvent({ ...subjectOf(account), action: AuditAction.logonSuccess, meta, detail: { twoStep: method } });
  return {
    accountId: account.id,
    sessionVersion: account.sessionVersion,
    role: account.role,
    mustChangePassword: account.mustChangePassword,
    locale: account.locale,
  };
}
