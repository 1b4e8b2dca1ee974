import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { transaction } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { consumeLimit } from "@/server/security/rate-limit";
import { limitPolicy } from "@/server/security/rate-limit-policies";
import { useRecoveryCode } from "@/server/two-step/recovery-codes";
import { useTotpCode } from "@/server/two-step/totp";
import { passProof } from "./internal/grant-reset";
import { endRecoveryFlow, loadVerifyContext, type FlowError } from "./internal/load-recovery-flow";
import { usableProofs } from "./internal/recovery-account";
import { recordRecoveryEvent } from "./internal/recovery-audit";
import { failTry, refundTry, reserveTry } from "./internal/recovery-failures";

export type AppCodeMethod = "TOTP" | "RECOVERY_CODE";

export type VerifyAppCodeResult =
  | { ok: true }
  | { ok: false; error: FlowError | "account_blocked" | "method_unavailable" | "too_many" }
  | { ok: false; error: "wrong_code"; triesLeft: number };

const MAX_TRIES = limitPolicy("appCodeTriesByRecoveryFlow").points;

/**
 * A proof by the account's authenticator app: a code it shows now (each
 * 30-second step accepted once, shared with the logon), or one of its
 * one-use recovery codes. Each try is reserved before it is judged, on the
 * flow (the 5th wrong one ends it) and against the account's recovery cap,
 * so parallel guesses count one by one.
 */
export async function verifyAppCode(
  input: { flowId: string | undefined; method: AppCodeMethod; code: string },
  meta: RequestMeta,
): Promise<VerifyAppCodeResult> {
  const loaded = await loadVerifyContext(input.flowId);
  if (!loaded.ok) return loaded;
  const { at, flow, account, methods, subject } = loaded.ctx;
  if (!usableProofs(methods, flow.firstMethod).includes(input.method)) return { ok: false, error: "method_unavailable" };

  const onFlow = await consumeLimit("appCodeTriesByRecoveryFlow", flow.id);
  if (!onFlow.allowed) {
    await endRecoveryFlow(flow.id, "too_many_codes", at);
    return { ok: false, error: "too_many" };
  }
  const reserved = await reserveTry(account.id, "code");
  if (!reserved.ok) {
    await endRecoveryFlow(flow.id, "account_blocked", at);
    return { ok: false, error: "account_blocked" };
  }
  const owner = { kind: "mail" as const, id: account.id };
  const passed = input.method === "TOTP" ? await useTotpCode(owner, input.code, at) : await useRecoveryCode(owner, input.code);
  if (passed) {
    await refundTry(reserved.reserved);
    const outcome = await transaction((tx) => passProof(tx, flow.id, input.method, methods.proofsNeeded, at));
    if (outcome === "gone") return { ok: false, error: "ended" };
    await recordRecoveryEvent(AuditAction.recoveryVerified, subject, meta, "SUCCESS", { method: input.method });
    return { ok: true };
  }
  const outcome = await failTry(reserved.reserved, subject, meta);
  const triesLeft = Math.min(MAX_TRIES - onFlow.used, outcome.triesLeft);
  await recordRecoveryEvent(AuditAction.codeFailed, subject, meta, "FAILURE", { method: input.method, triesLeft });
  if (outcome.accountBlocked) {
    await endRecoveryFlow(flow.id, "account_blocked", at, true);
    return { ok: false, error: "account_blocked" };
  }
  if (onFlow.used >= MAX_TRIES) {
    await endRecoveryFlow(flow.id, "too_many_codes", at);
    return { ok: false, error: "too_many" };
  }
  return { ok: false, error: "wrong_code", triesLeft };
}
