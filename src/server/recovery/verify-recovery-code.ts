import "server-only";
import type { RecoveryMethod } from "@/generated/prisma/enums";
import { AuditAction } from "@/server/audit/audit-action";
import { transaction } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { findVerification, judgeCode, precheckCode } from "@/server/verification/verification-store";
import { endRecoveryFlow, loadVerifyContext, type FlowError } from "./internal/load-recovery-flow";
import { recordRecoveryEvent } from "./internal/recovery-audit";
import { failTry, refundTry, reserveTry } from "./internal/recovery-failures";
import { passProof } from "./internal/grant-reset";
import { codeMethodOf } from "./internal/recovery-account";
import { recoveryCodeKey } from "./internal/recovery-policy";

export type VerifyRecoveryCodeResult =
  | { ok: true }
  | { ok: false; error: FlowError | "account_blocked" | "method_unavailable" | "no_code" | "code_expired" | "too_many" }
  | { ok: false; error: "wrong_code"; triesLeft: number };

/**
 * Checks the code sent by SMS or to the backup email address. Expired or missing codes count as no try. Each judged
 * entry is counted on the flow (atomically, below the maximum) and against
 * the account's failure cap before it is compared; the 5th wrong entry voids
 * the code and ends the flow. A right code is used up and yields the grant.
 */
export async function verifyRecoveryCode(
  input: { flowId: string | undefined; code: string },
  meta: RequestMeta,
): Promise<VerifyRecoveryCodeResult> {
  const loaded = await loadVerifyContext(input.flowId);
  if (!loaded.ok) return loaded;
  const { at, flow, account, methods, subject } = loaded.ctx;
  const key = recoveryCodeKey(flow.id);
  const current = await findVerification(key);
  const precheck = precheckCode(current, at);
  if (precheck === "none") return { ok: false, error: "no_code" };
  if (precheck === "expired") return { ok: false, error: "code_expired" };
  // The method that sent the live code (its destination) must still be one the account may use,
  // and not the proof this flow already passed.
  const method = codeMethodOf(methods, current?.destination);
  if (!method || method === flow.firstMethod) return { ok: false, error: "method_unavailable" };

  const reserved = await reserveTry(account.id, "code");
  if (!reserved.ok) {
    await endRecoveryFlow(flow.id, "account_blocked", at);
    return { ok: false, error: "account_blocked" };
  }
  const { verdict, attemptsLeft } = await judgeOnFlow(flow.id, method, methods.proofsNeeded, input.code, at);
  if (verdict === "ok") {
    await refundTry(reserved.reserved);
    await recordRecoveryEvent(AuditAction.recoveryVerified, subject, meta, "SUCCESS", { method });
    return { ok: true };
  }
  if (verdict === "none" || verdict === "expired") {
    await refundTry(reserved.reserved);
    return { ok: false, error: verdict === "none" ? "too_many" : "code_expired" };
  }
  const outcome = await failTry(reserved.reserved, subject, meta);
  const triesLeft = Math.min(attemptsLeft, outcome.triesLeft);
  await recordRecoveryEvent(AuditAction.codeFailed, subject, meta, "FAILURE", { triesLeft });
  if (outcome.accountBlocked) {
    await endRecoveryFlow(flow.id, "account_blocked", at, true);
    return { ok: false, error: "account_blocked" };
  }
  if (verdict === "exhausted") return { ok: false, error: "too_many" };
  return { ok: false, error: "wrong_code", triesLeft };
}

/**
 * Judges the entry (the shared judgeCode) and moves the flow in the same
 * transaction: a right code is a proof (the reset granted, or one more proof
 * asked), the 5th wrong one ends the flow.
 */
async function judgeOnFlow(flowId: string, method: RecoveryMethod, proofsNeeded: 1 | 2, entered: string, at: Date) {
  return transaction(async (tx) => {
    const judged = await judgeCode(tx, recoveryCodeKey(flowId), entered, at);
    if (judged.verdict === "ok" && (await passProof(tx, flowId, method, proofsNeeded, at)) === "gone")
      return { ...judged, verdict: "none" as const };
    if (judged.verdict === "exhausted") {
      await tx.recoveryFlow.update({ where: { id: flowId }, data: { step: "FAILED", completedAt: at, endedReason: "too_many_codes" } });
    }
    return judged;
  });
}
