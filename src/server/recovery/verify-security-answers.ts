import "server-only";
import { normalizeAnswer } from "@/lib/security-questions";
import { AuditAction } from "@/server/audit/audit-action";
import { getDb, transaction } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { verifySecret } from "@/server/security/password-hash";
import { endRecoveryFlow, loadVerifyContext, type FlowError } from "./internal/load-recovery-flow";
import { recordRecoveryEvent } from "./internal/recovery-audit";
import { failTry, refundTry, reserveTry } from "./internal/recovery-failures";
import { passProof } from "./internal/grant-reset";

export type VerifySecurityAnswersResult =
  | { ok: true }
  | { ok: false; error: FlowError | "account_blocked" | "method_unavailable" | "questions_blocked" }
  | { ok: false; error: "wrong_answers"; triesLeft: number };

/**
 * "Questions": all three answers are checked every time (no short cut, so
 * neither the answer nor its timing says which one was wrong). The try is
 * counted before it is judged; the 5th failure in 24 h blocks the method for
 * 24 h, and it counts toward the account's overall cap.
 */
export async function verifySecurityAnswers(
  input: { flowId: string | undefined; answers: string[] },
  meta: RequestMeta,
): Promise<VerifySecurityAnswersResult> {
  const loaded = await loadVerifyContext(input.flowId);
  if (!loaded.ok) return loaded;
  const { at, flow, account, methods, subject } = loaded.ctx;
  if (!methods.questions) return { ok: false, error: "method_unavailable" };
  if (methods.questionsBlocked) return { ok: false, error: "questions_blocked" };

  const reserved = await reserveTry(account.id, "questions");
  if (!reserved.ok) {
    if (reserved.error === "account_blocked") await endRecoveryFlow(flow.id, "account_blocked", at);
    return { ok: false, error: reserved.error };
  }
  let passed: boolean;
  try {
    const rows = await getDb().securityQuestion.findMany({
      where: { accountId: account.id },
      orderBy: { position: "asc" },
      omit: { answerHash: false },
    });
    const checks = await Promise.all(rows.map((q, i) => verifySecret(q.answerHash, normalizeAnswer(input.answers[i] ?? ""))));
    passed = checks.length === input.answers.length && checks.every(Boolean);
  } catch (e) {
    // No verdict (the hasher was busy, say): the try is given back, then the fault goes up.
    await refundTry(reserved.reserved);
    throw e;
  }

  if (passed) {
    await refundTry(reserved.reserved);
    const outcome = await transaction((tx) => passProof(tx, flow.id, "QUESTIONS", methods.proofsNeeded, at));
    if (outcome === "gone") return { ok: false, error: "ended" };
    await recordRecoveryEvent(AuditAction.recoveryVerified, subject, meta, "SUCCESS", { method: "QUESTIONS" });
    return { ok: true };
  }
  await getDb().recoveryFlow.updateMany({ where: { id: flow.id, step: "VERIFY" }, data: { method: "QUESTIONS" } });
  const outcome = await failTry(reserved.reserved, subject, meta);
  await recordRecoveryEvent(AuditAction.questionsFailed, subject, meta, "FAILURE", { triesLeft: outcome.triesLeft });
  if (outcome.accountBlocked) {
    await endRecoveryFlow(flow.id, "account_blocked", at);
    return { ok: false, error: "account_blocked" };
  }
  if (outcome.questionsBlocked) return { ok: false, error: "questions_blocked" };
  return { ok: false, error: "wrong_answers", triesLeft: outcome.triesLeft };
}
