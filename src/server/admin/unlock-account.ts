import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { transaction } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { resetLimit } from "@/server/security/rate-limit";
import { findDomainAccount } from "./internal/postmaster-access";
import type { Postmaster } from "./postmaster";
import { auditDomainChange } from "./internal/audit-domain-change";

export type UnlockAccountResult = { ok: true; address: string } | { ok: false; error: "not_found" };

const ATTEMPT = "account.unlock";

/**
 * Ends a logon lock before it runs out: the failure counters start again from
 * zero and the address no longer needs the image captcha at logon.
 */
export async function unlockAccount(input: { postmaster: Postmaster; accountId: string }, meta: RequestMeta): Promise<UnlockAccountResult> {
  const pm = input.postmaster;
  const target = await findDomainAccount(pm, input.accountId, ATTEMPT, meta);
  if (!target.ok) return target;
  const { account } = target;
  await transaction(async (tx) => {
    await tx.mailAccount.update({
      where: { id: account.id },
      data: { lockedUntil: null, failedLogonCount: 0, lastFailedLogonAt: null, lockCount: 0 },
    });
    await auditDomainChange(
      pm,
      {
        action: AuditAction.accountUnlocked,
        target: { kind: "MAIL_ACCOUNT", id: account.id, label: account.address },
        meta,
      },
      tx,
    );
  });
  await resetLimit("logonFailuresByAddress", `mail:${account.address}`);
  return { ok: true, address: account.address };
}
