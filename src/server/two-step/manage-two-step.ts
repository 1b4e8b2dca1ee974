import "server-only";
import { maskPhone } from "@/lib/phone";
import { reauthenticate } from "@/server/account-security/internal/account-context";
import { AuditAction, type AuditActionName } from "@/server/audit/audit-action";
import { auditOwnChange } from "@/server/audit/audit-own-change";
import { findCredential } from "@/server/auth/credential-store";
import { clearReauthFailures, countReauthFailure } from "@/server/auth/reauth-failures";
import { now } from "@/server/clock";
import { transaction } from "@/server/db";
import { sendSecurityNotice, type SecurityEvent } from "@/server/notices/security-notice";
import type { RequestMeta } from "@/server/request-meta";
import { verifyPassword } from "@/server/security/password-hash";
import { countUnusedRecoveryCodes, dropRecoveryCodes, replaceRecoveryCodes } from "./recovery-codes";
import { describeTotpSecret, matchTotpStep, newTotpSecret, qrSvg, readTotp, updateTotp } from "./totp";
import { findTwoStepSubject, isLastRequiredMethod, lockTwoStepSubject, type TwoStepOwner, type TwoStepSubject } from "./two-step-policy";

/**
 * Two-step logon settings of one's own account (Account Security for mail
 * accounts, Console Password for operators): the authenticator app (set up
 * by scanning a QR code and confirming one code; 10 recovery codes shown
 * once), new recovery codes and turning the app off (both with the password).
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

export async function getTwoStepSettings(input: { owner: TwoStepOwner }): Promise<TwoStepSettings | null> {
  const { owner } = input;
  const [subject, totp] = await Promise.all([findTwoStepSubject(owner), readTotp(owner)]);
  if (!subject || !totp) return null;
  const req = subject.requirement;
  const pending = totp.totpEnabledAt ? null : describeTotpSecret(totp.totpPendingSecret, subject.login);
  return {
    // An operator's two steps are its own choice: "required" means a mail account's rule.
    required: subject.kind === "mail" && req.required,
    needsSetup: req.needsSetup,
    maskedMobile: req.methods.sms ? maskPhone(req.methods.sms) : null,
    totpEnabledAt: totp.totpEnabledAt,
    codesLeft: totp.totpEnabledAt ? await countUnusedRecoveryCodes(owner) : 0,
    pending: pending ? { base32: pending.base32, qrSvg: await qrSvg(pending.uri) } : null,
  };
}

/**
 * "Set up an authenticator app", with the account's own password (SECURITY.md: adding a method asks
 * for the password, so a session alone cannot add a second factor): a new secret waits for its first
 * code (a second start makes a new one).
 */
export async function startTotpSetup(input: OwnPasswordInput, meta: RequestMeta): Promise<PasswordCheckedResult<{ ok: true }>> {
  const { owner } = input;
  const subject = await withOwnPassword(input, AuditAction.totpEnabled, meta);
  if (!subject) return { ok: false, error: "wrong_password" };
  if (!subject.active || subject.totpEnabledAt) return { ok: false, error: "unavailable" };
  const { sealed } = newTotpSecret(subject.login);
  return (await updateTotp(owner, { totpEnabledAt: null }, { totpPendingSecret: sealed }))
    ? { ok: true }
    : { ok: false, error: "unavailable" };
}

export async function cancelTotpSetup(input: { owner: TwoStepOwner }): Promise<void> {
  await updateTotp(input.owner, { totpEnabledAt: null }, { totpPendingSecret: null });
}

export type ConfirmTotpResult = { ok: true; recoveryCodes: string[] } | { ok: false; error: "no_setup" | "wrong_code" };

/** "Turn on": the code the app shows proves it holds the secret; that step is used up, and 10 recovery codes are made. */
export async function confirmTotpSetup(input: { owner: TwoStepOwner; code: string }, meta: RequestMeta): Promise<ConfirmTotpResult> {
  const { owner, code } = input;
  const [subject, totp] = await Promise.all([findTwoStepSubject(owner), readTotp(owner)]);
  const pendingSecret = totp?.totpPendingSecret;
  if (!subject?.active || totp?.totpEnabledAt || !pendingSecret) return { ok: false, error: "no_setup" };
  const at = now();
  const step = matchTotpStep(pendingSecret, code, at);
  if (step === null) {
    await auditOwnChange(subject, AuditAction.totpEnabled, "FAILURE", meta, { reason: "wrong_code" });
    return { ok: false, error: "wrong_code" };
  }
  const result = await transaction(async (tx) => {
    const moved = await updateTotp(
      owner,
      { totpEnabledAt: null, totpPendingSecret: pendingSecret },
      { totpSecret: pendingSecret, totpPendingSecret: null, totpEnabledAt: at, totpLastStep: step },
      tx,
    );
    if (!moved) return { ok: false, error: "no_setup" } as const;
    const recoveryCodes = await replaceRecoveryCodes(owner, tx);
    await auditOwnChange(subject, AuditAction.totpEnabled, "SUCCESS", meta, {}, tx);
    await auditOwnChange(subject, AuditAction.recoveryCodesGenerated, "SUCCESS", meta, { count: recoveryCodes.length }, tx);
    return { ok: true, recoveryCodes } as const;
  });
  if (result.ok) await tellOwner(subject, "totp_enabled", meta, at);
  return result;
}

/** A mail account's own change of its second factor, told to its other channels (operators have none here). */
async function tellOwner(subject: TwoStepSubject, event: SecurityEvent, meta: RequestMeta, at = now()): Promise<void> {
  if (subject.kind !== "mail") return;
  await sendSecurityNotice({
    accountId: subject.id,
    event,
    at,
    meta,
    actor: { kind: "MAIL_ACCOUNT", id: subject.id, label: subject.login },
  });
}

/** A change the owner confirms with its own password (SECURITY.md: a second factor is changed only with it). */
export interface OwnPasswordInput {
  owner: TwoStepOwner;
  password: string;
}

export type PasswordCheckedResult<T> = T | { ok: false; error: "wrong_password" | "not_enabled" | "unavailable" | "still_required" };

/** "Generate new recovery codes": the old ones stop working. */
export async function regenerateRecoveryCodes(
  input: OwnPasswordInput,
  meta: RequestMeta,
): Promise<PasswordCheckedResult<{ ok: true; recoveryCodes: string[] }>> {
  const { owner } = input;
  const subject = await withOwnPassword(input, AuditAction.recoveryCodesGenerated, meta);
  if (!subject) return { ok: false, error: "wrong_password" };
  if (!subject.totpEnabledAt) return { ok: false, error: "not_enabled" };
  const result = await transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(owner, tx);
    await auditOwnChange(subject, AuditAction.recoveryCodesGenerated, "SUCCESS", meta, { count: recoveryCodes.length }, tx);
    return { ok: true, recoveryCodes } as const;
  });
  await tellOwner(subject, "recovery_codes_regenerated", meta);
  return result;
}

/** "Turn off authenticator app": refused while a mail account needs two-step logon and has no secure mobile to fall back on. */
export async function disableTotp(input: OwnPasswordInput, meta: RequestMeta): Promise<PasswordCheckedResult<{ ok: true }>> {
  const { owner } = input;
  const subject = await withOwnPassword(input, AuditAction.totpDisabled, meta);
  if (!subject) return { ok: false, error: "wrong_password" };
  if (!subject.totpEnabledAt) return { ok: false, error: "not_enabled" };
  // On the locked row: a parallel removal of the secure mobile cannot slip between the check and the change.
  const done = await transaction(async (tx) => {
    const locked = await lockTwoStepSubject(tx, owner);
    if (!locked || isLastRequiredMethod(locked.requirement, "totp")) return false;
    await updateTotp(owner, {}, { totpSecret: null, totpEnabledAt: null, totpLastStep: null, totpPendingSecret: null }, tx);
    await dropRecoveryCodes(owner, tx);
    await auditOwnChange(subject, AuditAction.totpDisabled, "SUCCESS", meta, {}, tx);
    return true;
  });
  if (!done) return { ok: false, error: "still_required" };
  await tellOwner(subject, "totp_disabled", meta);
  return { ok: true };
}

/**
 * The account's own password, re-entered: the mail account's current
 * password or the operator's console password, under the shared rule (the
 * 5th wrong one in 15 minutes ends the account's sessions).
 */
async function withOwnPassword(input: OwnPasswordInput, action: AuditActionName, meta: RequestMeta): Promise<TwoStepSubject | null> {
  const { owner, password } = input;
  if (owner.kind === "mail") return (await reauthenticate(owner.id, password, { action, meta })) ? findTwoStepSubject(owner) : null;
  const cred = await findCredential("cloud", { id: owner.id });
  if (!cred) return null;
  if (await verifyPassword(cred.passwordHash, password)) {
    await clearReauthFailures("cloud", cred.id);
    return findTwoStepSubject(owner);
  }
  const subject = { kind: "cloud" as const, id: cred.id, login: cred.login, domainId: null };
  await auditOwnChange(subject, action, "FAILURE", meta, { reason: "wrong_password" });
  await countReauthFailure(subject, action, meta);
  return null;
}
