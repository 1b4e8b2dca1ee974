import "server-only";
import { AuditAction } from "@/server/audit/actions";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { attemptsLeft, checkSmsCode, type CodeCheck } from "@/server/verification/sms-code";
import { endRecoveryFlow, loadVerifyContext, type FlowError, type VerifyContext } from "./load-recovery-flow";
import { recordRecoveryEvent } from "./recovery-audit";
import { failTry, refundTry, reserveTry } from "./recovery-failures";
import { grantReset } from "./grant-reset";
import { RECOVERY } from "./recovery-policy";

export type VerifyRecoveryCodeResult =
  | { ok: true }
  | { ok: false; error: FlowError | "account_blocked" | "method_unavailable" | "no_code" | "code_expired" | "too_many" }
  | { ok: false; error: "wrong_code"; triesLeft: number };

/**
 * Checks the SMS code. Expired or missing codes count as no try. Each judged
 * entry is counted on the flow (atomically, below the maximum) and against
 * the account's failure cap before it is compared; the 5th wrong entry voids
 * the code and ends the flow. A right code is used up and yields the grant.
 */
export async function verifyRecoveryCode(
  flowId: string | undefined,
  input: { code: string },
  meta: RequestMeta,
): Promise<VerifyRecoveryCodeResult> {
  const at = now();
  const loaded = await loadVerifyContext(flowId, at);
  if (!loaded.ok) return loaded;
  const { flow, account, methods } = loaded.ctx;
  if (!methods.sms) return { ok: false, error: "method_unavailable" };
  const precheck = checkSmsCode(flow, flow.id, input.code, at);
  if (precheck === "none") return { ok: false, error: "no_code" };
  if (precheck === "expired") return { ok: false, error: "code_expired" };

  const reserved = await reserveTry(account.id, "code");
  if (!reserved.ok) {
    await endRecoveryFlow(flow.id, "account_blocked", at);
    return { ok: false, error: "account_blocked" };
  }
  const { verdict, attempts } = await judgeCode(loaded.ctx, input.code, at);
  const subject = { accountId: account.id, address: account.address, domainId: account.domainId };
  if (verdict === "ok") {
    await refundTry(reserved.reserved);
    await recordRecoveryEvent(AuditAction.recoveryVerified, subject, meta, "SUCCESS", { method: "SMS" });
    return { ok: true };
  }
  if (verdict === "none") {
    await refundTry(reserved.reserved);
    return { ok: false, error: "too_many" };
  }
  const outcome = await failTry(reserved.reserved, subject, meta);
  const triesLeft = Math.min(attemptsLeft({ codeAttempts: attempts }), outcome.triesLeft);
  await recordRecoveryEvent(AuditAction.codeFailed, subject, meta, "FAILURE", { triesLeft });
  if (outcome.accountBlocked) {
    await endRecoveryFlow(flow.id, "account_blocked", at, true);
    return { ok: false, error: "account_blocked" };
  }
  if (verdict === "exhausted") return { ok: false, error: "too_many" };
  return { ok: false, error: "wrong_code", triesLeft };
}

/**
 * Counts the entry on the flow row and judges it in one transaction: the
 * conditional increment holds the row, so parallel entries queue and each
 * is judged against its own attempt number. "exhausted" also ends the flow.
 */
async function judgeCode(ctx: VerifyContext, entered: string, at: Date): Promise<{ verdict: CodeCheck; attempts: number }> {
  const { flow } = ctx;
  return getDb().$transaction(async (tx) => {
    const counted = await tx.recoveryFlow.updateMany({
      where: { id: flow.id, step: "VERIFY", completedAt: null, codeHash: flow.codeHash, codeAttempts: { lt: RECOVERY.code.maxAttempts } },
      data: { codeAttempts: { increment: 1 } },
    });
    if (counted.count !== 1) return { verdict: "none", attempts: RECOVERY.code.maxAttempts };
    const row = await tx.recoveryFlow.findUniqueOrThrow({ where: { id: flow.id }, omit: { codeHash: false } });
    const verdict = checkSmsCode({ ...row, codeAttempts: row.codeAttempts - 1 }, flow.id, entered, at);
    if (verdict === "ok" && !(await grantReset(tx, flow.id, "SMS", at))) return { verdict: "none", attempts: row.codeAttempts };
    if (verdict === "exhausted") {
      await tx.recoveryFlow.update({
        where: { id: flow.id },
        data: { step: "FAILED", codeHash: null, codeExpiresAt: null, completedAt: at, endedReason: "too_many_codes" },
      });
    }
    return { verdict, attempts: row.codeAttempts };
  });
}
