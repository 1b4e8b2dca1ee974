import "server-only";
import { generatePassword, policyContext } from "@/lib/password-policy";
import { AuditAction } from "@/server/audit/audit-action";
import { componentLogger } from "@/server/observability/logger";
import { setPassword } from "@/server/passwords/set-password";
import type { RequestMeta } from "@/server/request-meta";
import { getEnv } from "@/env";
import type { Notice } from "@/server/sms/account-notice";
import { applyAccountAction, type AccountActionName } from "./internal/apply-account-action";
import { findEmployeeAccount, findEmployeeCredential } from "./internal/postmaster-access";
import type { Credential } from "@/server/auth/credential-store";
import type { Postmaster } from "./postmaster";

/**
 * Employee Accounts > select accounts > an action for all of them, at most
 * BULK_MAX at once. Each account is its own transaction (the same domain
 * functions as Edit Account), so one failure does not lose the others; the
 * summary says, per account, what happened or why not.
 *
 * Reset passwords: each account gets a generated 16-character password that
 * meets the domain's policy, must be changed at next logon, and is returned
 * once to be shown to the postmaster. It is never stored in clear, never in
 * the audit log, never in a URL.
 */
export const BULK_MAX = 500;
export const BULK_ACTIONS = ["require_change", "sign_out", "reset_password", "disable", "enable"] as const;
export type BulkActionName = (typeof BULK_ACTIONS)[number];

export type BulkFailure = "not_found" | "own_account" | "postmaster_account" | "error";
export type BulkItem =
  | { accountId: string; address: string; ok: true; changed: boolean; password?: string }
  | { accountId: string; address: string | null; ok: false; reason: BulkFailure };

export type BulkResult = { ok: true; items: BulkItem[]; notices: Notice[] } | { ok: false; error: "none" | "too_many" };

const ATTEMPT: Record<BulkActionName, string> = {
  require_change: "bulk.require_password_change",
  sign_out: "bulk.sign_out_everywhere",
  reset_password: "bulk.reset_password",
  disable: "bulk.disable",
  enable: "bulk.enable",
};

export async function runBulkAccountAction(
  input: { postmaster: Postmaster; accountIds: readonly string[]; action: BulkActionName },
  meta: RequestMeta,
): Promise<BulkResult> {
  const ids = [...new Set(input.accountIds)];
  if (ids.length === 0) return { ok: false, error: "none" };
  if (ids.length > BULK_MAX) return { ok: false, error: "too_many" };
  const pm = input.postmaster;
  const items: BulkItem[] = new Array(ids.length);
  const notices: Notice[] = [];

  // Every step of one account, its look-up included, stays inside its own try: one failure never
  // rejects the batch (which would leave the others done, with passwords nobody was shown).
  const one = async (accountId: string): Promise<BulkItem> => {
    let address: string | null = null;
    try {
      const found = await findTarget(pm, accountId, input.action, meta);
      if (!found.ok) return { accountId, address: null, ok: false, reason: found.error };
      address = found.address;
      const done = await found.apply();
      notices.push(...done.notices);
      return { accountId, address, ok: true, changed: done.changed, ...(done.password ? { password: done.password } : {}) };
    } catch (e) {
      componentLogger("admin").error({ err: e, accountId, action: input.action }, "bulk action failed for one account");
      return { accountId, address, ok: false, reason: "error" };
    }
  };

  // Resets hash: as many at once as the hashing queue runs in parallel; the rest one by one.
  const parallel = input.action === "reset_password" ? getEnv().ARGON2_MAX_CONCURRENCY : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, ids.length) }, async () => {
      for (let i = next++; i < ids.length; i = next++) items[i] = await one(ids[i]);
    }),
  );
  return { ok: true, items, notices };
}

const SINGLE: Record<Exclude<BulkActionName, "reset_password">, AccountActionName> = {
  require_change: "require_change",
  sign_out: "sign_out",
  disable: "disable",
  enable: "enable",
};

type Applied = { changed: boolean; notices: Notice[]; password?: string };

/**
 * One account of the batch, read once and checked as Edit Account checks it (an employee of the
 * postmaster's domain): for a reset as setPassword takes it (its credential), for the other actions
 * as applyAccountAction takes it.
 */
async function findTarget(
  pm: Postmaster,
  accountId: string,
  action: BulkActionName,
  meta: RequestMeta,
): Promise<{ ok: true; address: string; apply: () => Promise<Applied> } | { ok: false; error: BulkFailure }> {
  if (action !== "reset_password") {
    const found = await findEmployeeAccount(pm, accountId, ATTEMPT[action], meta);
    if (!found.ok) return found;
    return {
      ok: true,
      address: found.account.address,
      apply: () => applyAccountAction(pm, found.account, SINGLE[action], meta, { bulk: true }),
    };
  }
  const found = await findEmployeeCredential(pm, accountId, ATTEMPT[action], meta);
  if (!found.ok) return found;
  return { ok: true, address: found.credential.login, apply: () => resetGenerated(pm, found.credential, meta) };
}

async function resetGenerated(pm: Postmaster, credential: Credential, meta: RequestMeta): Promise<Applied> {
  const password = spreadsheetSafePassword(credential);
  const result = await setPassword({
    kind: "mail",
    accountId: credential.id,
    credential,
    password,
    confirmPassword: password,
    mustChangePassword: true,
    actor: pm.actor,
    action: AuditAction.passwordResetByPostmaster,
    meta,
    notice: "postmaster",
    generated: true,
    auditDetail: { bulk: true },
  });
  if (!result.ok) throw new Error(`generated password refused: ${result.error}`);
  return { changed: true, notices: result.notice ? [result.notice] : [], password };
}

/**
 * A generated password that a spreadsheet shows as it is: one starting with
 * = + - or @ would be read as a formula when the CSV is opened, so such a
 * draw is drawn again (16 random characters either way).
 */
function spreadsheetSafePassword({ login, policy }: Credential): string {
  for (;;) {
    const password = generatePassword(policyContext(policy, login));
    if (!/^[=+\-@]/.test(password)) return password;
  }
}
