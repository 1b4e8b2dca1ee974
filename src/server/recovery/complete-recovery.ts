import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { now } from "@/server/clock";
import { getDb, type Tx } from "@/server/db";
import { componentLogger } from "@/server/observability/logger";
import type { RequestMeta } from "@/server/request-meta";
import type { Notice } from "@/server/sms/account-notice";
import { setPassword, type PasswordFieldErrors } from "@/server/passwords/set-password";
import { endRecoveryFlow, loadRecoveryFlow, type FlowError } from "./internal/load-recovery-flow";
import { recoveryActor } from "./internal/recovery-audit";
import { canStillUse, findRecoveryAccount, readRecoveryBlocks } from "./internal/recovery-account";

export interface CompleteRecoveryInput {
  /** The flow's token from the browser's cookie (src/web/recovery-cookie.ts). */
  flowId: string | undefined;
  password: string;
  confirmPassword: string;
}

export type CompleteRecoveryResult =
  /** `notices`: the owner's reset notice, and the postmasters' when the domain asks for them. */
  | { ok: true; notices: Notice[] }
  | { ok: false; error: FlowError | "account_blocked" }
  | { ok: false; error: "invalid"; fieldErrors: PasswordFieldErrors };

/** Thrown inside the reset transaction when the grant was used or ran out meanwhile: rolls it all back. */
class GrantGoneError extends Error {}
/** Thrown inside the reset transaction when the account may no longer self-serve: rolls it all back. */
class NoLongerEligibleError extends Error {}

/**
 * Step 3, "Set a new password": only with a live grant (10 minutes, inside
 * the flow's 15). The one reset transaction (setPassword: policy, history,
 * hash, sessionVersion + 1, lockout cleared, audit; SMS notice after commit)
 * also moves the flow to DONE, on the condition that it is still at RESET —
 * so the grant is used once, even by parallel requests — and only while the
 * account is still active and may still self-serve by the methods that passed.
 */
export async function completeRecovery(input: CompleteRecoveryInput, meta: RequestMeta): Promise<CompleteRecoveryResult> {
  const { flowId } = input;
  const at = now();
  const loaded = await loadRecoveryFlow(flowId, at, "RESET");
  if (!loaded.ok) return loaded;
  const { flow } = loaded;
  if (!flow.grantExpiresAt || at > flow.grantExpiresAt) {
    await endRecoveryFlow(flow.id, "grant_expired", at);
    return { ok: false, error: "expired" };
  }
  const accountId = flow.accountId as string;
  const blocks = await readRecoveryBlocks(accountId);
  const markDone = async (tx: Tx) => {
    // Read after the new hash was written, so the account row is locked: a postmaster who disables
    // the account (or removes the method that passed step 2) meanwhile either came first, and is
    // seen here, or waits until this transaction ends.
    const passed = [flow.firstMethod, flow.method];
    if (!canStillUse(await findRecoveryAccount({ id: accountId }, tx), blocks, passed)) throw new NoLongerEligibleError();
    const done = await tx.recoveryFlow.updateMany({
      where: { id: flow.id, step: "RESET", grantExpiresAt: { gte: at }, expiresAt: { gte: at } },
      data: { step: "DONE", completedAt: now(), endedReason: "reset" },
    });
    if (done.count !== 1) throw new GrantGoneError();
  };
  try {
    const result = await setPassword({
      kind: "mail",
      accountId,
      password: input.password,
      confirmPassword: input.confirmPassword,
      mustChangePassword: false,
      actor: recoveryActor({ accountId: flow.accountId, address: flow.address, domainId: null }),
      action: AuditAction.passwordResetSelfService,
      meta,
      notice: "self_service",
      alsoInTransaction: markDone,
    });
    if (result.ok) {
      const owner = result.notice ? [result.notice] : [];
      return { ok: true, notices: [...owner, ...(await postmasterNotices(accountId, flow.address, result.changedAt, meta))] };
    }
    if (result.error === "invalid") return { ok: false, error: "invalid", fieldErrors: result.fieldErrors };
    return { ok: false, error: "ended" };
  } catch (e) {
    if (e instanceof GrantGoneError) return { ok: false, error: "ended" };
    if (e instanceof NoLongerEligibleError) {
      await endRecoveryFlow(flow.id, "account_blocked", now());
      return { ok: false, error: "account_blocked" };
    }
    throw e;
  }
}

/**
 * "Notify the postmaster of self-service resets" (the domain's Password
 * Policy, off by default): an SMS to each active postmaster of the domain
 * with a bound secure mobile. The Audit Log shows the reset either way.
 */
async function postmasterNotices(accountId: string, address: string, at: Date, meta: RequestMeta): Promise<Notice[]> {
  // The reset is committed by now: a failed look-up here costs the postmaster's notice, never the answer.
  try {
    return await findPostmasterNotices(accountId, address, at, meta);
  } catch (e) {
    componentLogger("recovery").error({ err: e }, "could not prepare the postmaster's notice of a self-service reset");
    return [];
  }
}

async function findPostmasterNotices(accountId: string, address: string, at: Date, meta: RequestMeta): Promise<Notice[]> {
  const account = await getDb().mailAccount.findUnique({
    where: { id: accountId },
    select: { domainId: true, domain: { select: { notifyPostmasterOfSelfServiceResets: true } } },
  });
  if (!account?.domain.notifyPostmasterOfSelfServiceResets) return [];
  const postmasters = await getDb().mailAccount.findMany({
    where: {
      domainId: account.domainId,
      role: "POSTMASTER",
      status: "ACTIVE",
      secureMobile: { not: null },
      secureMobileVerifiedAt: { not: null },
    },
    select: { id: true, domainId: true, locale: true, secureMobile: true },
  });
  return postmasters.map((pm) => ({
    type: "account",
    recipient: { id: pm.id, domainId: pm.domainId, locale: pm.locale },
    to: pm.secureMobile as string,
    event: "self_service_reset",
    address,
    at,
    meta,
    actor: { kind: "SYSTEM", label: "notice" },
  }));
}
