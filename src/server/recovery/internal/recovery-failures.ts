import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { addMs, now, SECOND } from "@/server/clock";
import type { RequestMeta } from "@/server/request-meta";
import { blockLimit, consumeLimit, peekLimit } from "@/server/security/rate-limit";
import { limitPolicy } from "@/server/security/rate-limit-policies";
import { recordRecoveryEvent, type RecoverySubject } from "./recovery-audit";
import { RECOVERY } from "./recovery-policy";

/**
 * Failure caps per account (SECURITY.md): all recovery failures 10 per 24 h
 * (then self-service is refused for 1 h), failed question tries 5 per 24 h
 * (then the method is blocked for 24 h). A try is counted *before* it is
 * judged and given back when it was not a failure, so parallel requests
 * cannot get more judged tries than the caps allow. None of this touches the
 * logon lockout.
 *
 * The 1 h refusal is its own limit (recoveryBlockByAccount), so the 24 h
 * count survives it: after the hour, a try beyond the 10th of the window is
 * allowed only as the single try of that hour, and failing it blocks again.
 */
export type TryKind = "code" | "questions";

export interface ReservedTry {
  kind: TryKind;
  accountId: string;
  accountUsed: number;
  questionsUsed: number;
  /** The one try allowed after a lapsed block while the 24 h window is still full. */
  pastCap: boolean;
}

export type ReserveResult = { ok: true; reserved: ReservedTry } | { ok: false; error: "account_blocked" | "questions_blocked" };

export async function reserveTry(accountId: string, kind: TryKind): Promise<ReserveResult> {
  if (!(await peekLimit("recoveryBlockByAccount", accountId)).allowed) return { ok: false, error: "account_blocked" };
  const account = await consumeLimit("recoveryFailuresByAccount", accountId);
  const pastCap = !account.allowed;
  if (pastCap && !(await consumeLimit("recoveryBlockByAccount", accountId)).allowed) {
    await consumeLimit("recoveryFailuresByAccount", accountId, -1);
    return { ok: false, error: "account_blocked" };
  }
  const reserved: ReservedTry = { kind, accountId, accountUsed: account.used, questionsUsed: 0, pastCap };
  if (kind === "code") return { ok: true, reserved };
  const questions = await consumeLimit("questionFailuresByAccount", accountId);
  if (!questions.allowed) {
    await giveBackAccountTry(reserved);
    return { ok: false, error: "questions_blocked" };
  }
  return { ok: true, reserved: { ...reserved, questionsUsed: questions.used } };
}

async function giveBackAccountTry(reserved: ReservedTry): Promise<void> {
  await consumeLimit("recoveryFailuresByAccount", reserved.accountId, -1);
  if (reserved.pastCap) await consumeLimit("recoveryBlockByAccount", reserved.accountId, -1);
}

/** The try was not a failure (passed, or never judged): give its points back. */
export async function refundTry(reserved: ReservedTry): Promise<void> {
  await giveBackAccountTry(reserved);
  if (reserved.kind === "questions") await consumeLimit("questionFailuresByAccount", reserved.accountId, -1);
}

export interface FailureOutcome {
  accountBlocked: boolean;
  questionsBlocked: boolean;
  /** Tries left before a cap is reached (the smaller of the account's and the method's). */
  triesLeft: number;
}

/** The try failed: keep it counted, and start the block when it was the last one allowed. */
export async function failTry(reserved: ReservedTry, subject: RecoverySubject, meta: RequestMeta): Promise<FailureOutcome> {
  const accountBlocked = reserved.accountUsed >= RECOVERY.accountFailures;
  const questionsBlocked = reserved.kind === "questions" && reserved.questionsUsed >= RECOVERY.questionFailures;
  if (questionsBlocked) await startBlock("questionFailuresByAccount", "QUESTIONS", subject, meta);
  if (accountBlocked) await startBlock("recoveryBlockByAccount", "ALL", subject, meta);
  const accountLeft = Math.max(0, RECOVERY.accountFailures - reserved.accountUsed);
  const methodLeft = reserved.kind === "questions" ? Math.max(0, RECOVERY.questionFailures - reserved.questionsUsed) : accountLeft;
  return { accountBlocked, questionsBlocked, triesLeft: Math.min(accountLeft, methodLeft) };
}

async function startBlock(
  policy: "questionFailuresByAccount" | "recoveryBlockByAccount",
  method: "QUESTIONS" | "ALL",
  subject: RecoverySubject,
  meta: RequestMeta,
): Promise<void> {
  await blockLimit(policy, subject.accountId as string);
  const p = limitPolicy(policy);
  const until = addMs(now(), (p.blockSec ?? p.durationSec) * SECOND).toISOString();
  await recordRecoveryEvent(AuditAction.methodBlocked, subject, meta, "REFUSED", { method, until });
}
