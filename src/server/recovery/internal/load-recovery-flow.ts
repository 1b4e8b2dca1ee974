import "server-only";
import type { RecoveryFlow } from "@/generated/prisma/client";
import { now } from "@/server/clock";
import { getDb, transaction } from "@/server/db";
import { newToken } from "@/server/ids";
import { hmacDigest, hmacMatches } from "@/server/security/hmac";
import { dropVerification } from "@/server/verification/verification-store";
import {
  canSelfServe,
  findRecoveryAccount,
  readRecoveryBlocks,
  recoveryMethods,
  type RecoveryAccount,
  type RecoveryBlocks,
  type RecoveryMethods,
} from "./recovery-account";
import type { RecoverySubject } from "./recovery-audit";
import { recoveryCodeKey, type EndedReason } from "./recovery-policy";

/** Why a step cannot run on this flow. "ended" and "expired" send the user back to step 1. */
export type FlowError = "no_flow" | "expired" | "ended" | "out_of_order";

export type LoadedFlow = { ok: true; flow: RecoveryFlow } | { ok: false; error: FlowError };

/**
 * A flow is named in the browser by a token "<id>.<browser key>", both 128
 * bits from the CSPRNG. The row keeps only an HMAC of the key, so the id
 * alone (in a log, a backup or the audit trail) drives nothing: only the
 * browser that started the flow holds the token.
 */
const TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;

const keyPurpose = (id: string) => `recovery-browser:${id}`;

export function newFlowToken(): { id: string; token: string; browserKeyHash: string } {
  const id = newToken();
  const key = newToken();
  return { id, token: `${id}.${key}`, browserKeyHash: hmacDigest(keyPurpose(id), key) };
}

/** The row behind a cookie value when the browser key matches, with its code hash (never shown, only compared). */
export async function findRecoveryFlow(token: string | undefined): Promise<RecoveryFlow | null> {
  const m = token ? TOKEN.exec(token) : null;
  if (!m) return null;
  const flow = await getDb().recoveryFlow.findUnique({ where: { id: m[1] } });
  return flow && hmacMatches(flow.browserKeyHash, keyPurpose(m[1]), m[2]) ? flow : null;
}

/**
 * Closes a running flow; a no-op when it already ended, unless `override`
 * (a block of the whole account outranks the reason a flow failed with).
 */
export async function endRecoveryFlow(flowId: string, reason: EndedReason, at: Date, override = false): Promise<void> {
  await transaction(async (tx) => {
    await tx.recoveryFlow.updateMany({
      where: override ? { id: flowId, step: { not: "DONE" } } : { id: flowId, completedAt: null },
      data: { step: "FAILED", completedAt: at, endedReason: reason },
    });
    await dropVerification(recoveryCodeKey(flowId), tx);
  });
}

/** The flow if it is running at `at` and stands at `step` (every step refuses to run out of order). */
export async function loadRecoveryFlow(flowId: string | undefined, at: Date, step: "VERIFY" | "RESET"): Promise<LoadedFlow> {
  const flow = await findRecoveryFlow(flowId);
  if (!flow) return { ok: false, error: "no_flow" };
  if (flow.completedAt || flow.step === "DONE" || flow.step === "FAILED" || !flow.accountId) return { ok: false, error: "ended" };
  if (at.getTime() > flow.expiresAt.getTime()) {
    await endRecoveryFlow(flow.id, "expired", at);
    return { ok: false, error: "expired" };
  }
  if (flow.step !== step) return { ok: false, error: "out_of_order" };
  return { ok: true, flow };
}

export interface VerifyContext {
  /** The step's one clock reading: every check and row of the step uses it. */
  at: Date;
  flow: RecoveryFlow & { accountId: string };
  account: RecoveryAccount;
  blocks: RecoveryBlocks;
  methods: RecoveryMethods;
  /** The account as the step's audit events name it. */
  subject: RecoverySubject;
}

/**
 * A flow at "Verify identity" with its account, re-read on every step: an
 * account disabled, blocked or stripped of its methods since step 1 ends
 * the flow with the "not available" answer.
 */
export async function loadVerifyContext(
  flowId: string | undefined,
): Promise<{ ok: true; ctx: VerifyContext } | { ok: false; error: FlowError | "account_blocked" }> {
  const at = now();
  const loaded = await loadRecoveryFlow(flowId, at, "VERIFY");
  if (!loaded.ok) return loaded;
  const accountId = loaded.flow.accountId as string;
  const [account, blocks] = await Promise.all([findRecoveryAccount({ id: accountId }), readRecoveryBlocks(accountId)]);
  if (!canSelfServe(account, blocks)) {
    await endRecoveryFlow(loaded.flow.id, "account_blocked", at);
    return { ok: false, error: "account_blocked" };
  }
  const flow = { ...loaded.flow, accountId };
  const subject = { accountId: account.id, address: account.address, domainId: account.domainId };
  return { ok: true, ctx: { at, flow, account, blocks, methods: recoveryMethods(account, blocks), subject } };
}
