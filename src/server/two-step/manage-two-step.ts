import "server-only";
import { maskPhone } from "@/lib/phone";
import { AuditAction } from "@/server/audit/audit-action";
import { auditSecurityChange, reauthenticate } from "@/server/account-security/account-context";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { countUnusedRecoveryCodes, replaceRecoveryCodes } from "./recovery-codes";
import { describeTotpSecret, matchTotpStep, newTotpSecret, qrSvg } from "./totp";
import { findTwoStepAccount, twoStepRequirement } from "./two-step-policy";

/**
 * Account Security > Two-step logon: the authenticator app (set up by
 * scanning a QR code and confirming one code; 10 recovery codes shown once),
 * new recovery codes and turning the app off (both with the password).
 */
export interface TwoStepSettings {
  required: boolean;
  needsSetup: boolean;
  maskedMobile: string | null;
  totpEnabledAt: Date | null;
  codesLeft: number;
  /** A setup in progress: the key, and the QR code (SVG) of its otpauth:// URI. */
  pending: { base32: string; qrSvg: string } | null;
}

export async function getTwoStepSettings(accountId: string): Promise<TwoStepSettings | null> {
  const account = await findTwoStepAccount(accountId);
  if (!account) return null;
  const req = twoStepRequirement(account);
  const row = await getDb().mailAccount.findUniqueOrThrow({ where: { id: accountId }, select: { totpPendingSecret: true } });
  const pending = account.totpEnabledAt ? null : describeTotpSecret(row.totpPendingSecret, account.address);
  return {
    required: req.required,
    needsSetup: req.needsSetup,
    maskedMobile: req.methods.sms ? maskPhone(req.methods.sms) : null,
    totpEnabledAt: account.totpEnabledAt,
    codesLeft: account.totpEnabledAt ? await countUnusedRecoveryCodes(accountId) : 0,
    pending: pending ? { base32: pending.base32, qrSvg: await qrSvg(pending.uri) } : null,
  };
}

/** "Set up an authenticator app": a new secret waits for its first code (a second click makes a new one). */
export async function startTotpSetup(accountId: string): Promise<{ ok: boolean }> {
  const account = await findTwoStepAccount(accountId);
  if (!account || account.status !== "ACTIVE" || account.totpEnabledAt) return { ok: false };
  const { sealed } = newTotpSecret(account.address);
  await getDb().mailAccount.update({ where: { id: accountId }, data: { totpPendingSecret: sealed } });
  return { ok: true };
}

export async function cancelTotpSetup(accountId: string): Promise<void> {
  await getDb().mailAccount.updateMany({ where: { id: accountId, totpEnabledAt: null }, data: { totpPendingSecret: null } });
}

export type ConfirmTotpResult = { ok: true; recoveryCodes: string[] } | { ok: false; error: "no_setup" | "wrong_code" };

/** "Turn on": the code the app shows proves it holds the secret; that step is used up, and 10 recovery codes are made. */
export async function confirmTotpSetup(accountId: string, code: string, meta: RequestMeta): Promise<ConfirmTotpResult> {
  const account = await findTwoStepAccount(accountId);
  const row = await getDb().mailAccount.findUnique({ where: { id: accountId }, select: { totpPendingSecret: true } });
  if (!account || account.status !== "ACTIVE" || account.totpEnabledAt || !row?.totpPendingSecret) return { ok: false, error: "no_setup" };
  const at = now();
  const step = matchTotpStep(row.totpPendingSecret, code, at);
  if (step === null) {
    await auditSecurityChange(account, AuditAction.totpEnabled, "FAILURE", meta, { reason: "wrong_code" });
    return { ok: false, error: "wrong_code" };
  }
  return getDb().$transaction(async (tx) => {
    const moved = await tx.mailAccount.updateMany({
      where: { id: accountId, totpEnabledAt: null, totpPendingSecret: row.totpPendingSecret },
      data: { totpSecret: row.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: at, totpLastStep: step },
    });
    if (moved.count !== 1) return { ok: false, error: "no_setup" } as const;
    const recoveryCodes = await replaceRecoveryCodes(accountId, tx);
    await auditSecurityChange(account, AuditAction.totpEnabled, "SUCCESS", meta, {}, tx);
    await auditSecurityChange(account, AuditAction.recoveryCodesGenerated, "SUCCESS", meta, { count: recoveryCodes.length }, tx);
    return { ok: true, recoveryCodes } as const;
  });
}

export type PasswordCheckedResult<T> = T | { ok: false; error: "wrong_password" | "not_enabled" | "still_required" };

/** "Generate new recovery codes": the old ones stop working. */
export async function regenerateRecoveryCodes(
  accountId: string,
  password: string,
  meta: RequestMeta,
): Promise<PasswordCheckedResult<{ ok: true; recoveryCodes: string[] }>> {
  const account = await reauthenticate(accountId, password, { action: AuditAction.recoveryCodesGenerated, meta });
  if (!account) return { ok: false, error: "wrong_password" };
  const state = await findTwoStepAccount(accountId);
  if (!state?.totpEnabledAt) return { ok: false, error: "not_enabled" };
  return getDb().$transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(accountId, tx);
    await auditSecurityChange(account, AuditAction.recoveryCodesGenerated, "SUCCESS", meta, { count: recoveryCodes.length }, tx);
    return { ok: true, recoveryCodes } as const;
  });
}

/** "Turn off authenticator app": refused while the account needs two-step logon and has no secure mobile to fall back on. */
export async function disableTotp(accountId: string, password: string, meta: RequestMeta): Promise<PasswordCheckedResult<{ ok: true }>> {
  const account = await reauthenticate(accountId, password, { action: AuditAction.totpDisabled, meta });
  if (!account) return { ok: false, error: "wrong_password" };
  const state = await findTwoStepAccount(accountId);
  if (!state?.totpEnabledAt) return { ok: false, error: "not_enabled" };
  const req = twoStepRequirement(state);
  if (req.required && !req.methods.sms) return { ok: false, error: "still_required" };
  await getDb().$transaction(async (tx) => {
    await tx.mailAccount.update({
      where: { id: accountId },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, totpPendingSecret: null },
    });
    await tx.twoStepRecoveryCode.deleteMany({ where: { accountId } });
    await auditSecurityChange(account, AuditAction.totpDisabled, "SUCCESS", meta, {}, tx);
  });
  return { ok: true };
}
