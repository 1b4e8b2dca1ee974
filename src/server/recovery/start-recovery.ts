import "server-only";
import { ipLimitKey } from "@/lib/client-ip";
import { AuditAction } from "@/server/audit/audit-action";
import { verifyCaptcha } from "@/server/captcha/verify-captcha";
import { addMs, now } from "@/server/clock";
import { transaction } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { consumeLimit } from "@/server/security/rate-limit";
import { recordRecoveryEvent } from "./internal/recovery-audit";
import { canSelfServe, findRecoveryAccount, readRecoveryBlocks, unavailableReason } from "./internal/recovery-account";
import { RECOVERY } from "./internal/recovery-policy";
import { findRecoveryFlow, newFlowToken } from "./internal/load-recovery-flow";

/** The cookie naming the flow (src/web/recovery-cookie.ts sets and reads it). */
export { RECOVERY_COOKIE } from "./internal/recovery-policy";

export interface StartRecoveryInput {
  /** The flow this browser held, if any: it is closed ("restarted"). */
  flowId: string | undefined;
  address: string;
  captchaId: string | undefined;
  captchaAnswer: string;
}

export type StartRecoveryResult = { ok: true; flowId: string } | { ok: false; error: "captcha" | "rate_limited" | "unavailable" };

/**
 * One value for every address that cannot self-serve (unknown, disabled, no
 * usable method, blocked): callers cannot tell them apart, not even by shape.
 */
const UNAVAILABLE: StartRecoveryResult = Object.freeze({ ok: false, error: "unavailable" });

/**
 * Step 1, "Account": the image code (consumed either way), the per-IP cap on
 * starts, then the address. Every address gets the same work — one account
 * read, the same two limit reads, one flow row (accountId null when it cannot
 * self-serve), one audit event — so neither the answer nor its timing tells
 * whether the address exists. A flow the browser held (`input.flowId`) is closed.
 */
export async function startRecovery(input: StartRecoveryInput, meta: RequestMeta): Promise<StartRecoveryResult> {
  if (!(await verifyCaptcha(input.captchaId, input.captchaAnswer, meta, "recovery"))) return { ok: false, error: "captcha" };
  if (!(await consumeLimit("recoveryStartsByIp", ipLimitKey(meta.ip))).allowed) return { ok: false, error: "rate_limited" };

  const address = input.address.trim().toLowerCase();
  const account = await findRecoveryAccount({ address });
  const blocks = await readRecoveryBlocks(account?.id ?? `address:${address}`);
  const eligible = canSelfServe(account, blocks);
  const at = now();
  const { id: flowId, token, browserKeyHash } = newFlowToken();
  const previous = await findRecoveryFlow(input.flowId);
  const subject = { accountId: account?.id ?? null, address, domainId: account?.domainId ?? null };

  await transaction(async (tx) => {
    if (previous) {
      await tx.recoveryFlow.updateMany({
        where: { id: previous.id, completedAt: null },
        data: { step: "FAILED", completedAt: at, endedReason: "restarted" },
      });
    }
    await tx.recoveryFlow.create({
      data: {
        id: flowId,
        browserKeyHash,
        accountId: eligible ? account.id : null,
        address,
        step: eligible ? "VERIFY" : "FAILED",
        expiresAt: addMs(at, RECOVERY.flowTtlMs),
        completedAt: eligible ? null : at,
        endedReason: eligible ? null : "unavailable",
        ip: meta.ip,
        userAgent: meta.userAgent,
        createdAt: at,
      },
    });
    const detail = eligible ? undefined : { reason: unavailableReason(account, blocks) };
    await recordRecoveryEvent(AuditAction.recoveryStarted, subject, meta, eligible ? "SUCCESS" : "REFUSED", detail, tx);
  });
  return eligible ? { ok: true, flowId: token } : UNAVAILABLE;
}
