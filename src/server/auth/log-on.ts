import "server-only";
import type { AuditResult } from "@/generated/prisma/enums";
import { ipLimitKey } from "@/lib/client-ip";
import { now } from "@/server/clock";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { verifyCaptcha } from "@/server/captcha/verify-captcha";
import { metrics } from "@/server/observability/metrics";
import type { Notice } from "@/server/sms/account-notice";
import { hmacDigest } from "@/server/security/hmac";
import type { RequestMeta } from "@/server/request-meta";
import { blockLimit, consumeLimit, peekLimit, resetLimit } from "@/server/security/rate-limit";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "@/server/security/password-hash";
import { beginTwoStep, type PendingTwoStep } from "@/server/two-step/two-step-logon";
import { isTrustedBrowser } from "@/server/two-step/trusted-browser";
import { enforcePasswordAtLogon } from "@/server/passwords/password-change-due";
import { countAccountFailure } from "./count-account-failure";
import { actorKindOf, findCredential, updateCounters, type CredentialKind } from "./credential-store";
import { isLocked } from "./lockout";

export interface LogOnInput {
  login: string;
  password: string;
  captchaId?: string;
  captchaAnswer?: string;
  /** The "Trust this browser" cookie, when the browser sent one. */
  trustedBrowser?: string;
}

export type LogOnResult =
  | {
      ok: true;
      accountId: string;
      sessionVersion: number;
      mustChangePassword: boolean;
      role: string;
      locale: string | null;
      /** The account must set up two-step logon: a setup-only session (Account Security, then a fresh logon). */
      setupOnly: boolean;
    }
  /** The password was right; the logon completes only with the second step (two-step-logon.ts). */
  | { ok: "second_step"; pending: PendingTwoStep }
  /** `notices`: when this failure locked the account, its owner's notice (sent after the response: the answer is the same). */
  | { ok: false; error: "invalid" | "captcha" | "ip_blocked"; captchaRequired: boolean; notices?: Notice[] };

/**
 * One logon attempt (SECURITY.md "Logon"). Wrong password, unknown address,
 * locked and disabled accounts all answer "invalid" with the same shape.
 */
export async function logOn(input: LogOnInput & { kind: CredentialKind }, meta: RequestMeta): Promise<LogOnResult> {
  const { kind } = input;
  const login = input.login.trim().toLowerCase();
  const ipKey = `${kind}:${ipLimitKey(meta.ip)}`;
  const addressKey = `${kind}:${login}`;
  const audit = (
    action: (typeof AuditAction)[keyof typeof AuditAction],
    result: Exclude<AuditResult, "REFUSED">,
    target: { id: string | null; domainId?: string | null },
    detail?: Record<string, string>,
  ) =>
    recordAuditEvent({
      actor: target.id ? { kind: actorKindOf(kind), id: target.id, label: login } : { kind: "ANONYMOUS", label: login },
      action,
      result,
      meta,
      domainId: target.domainId ?? null,
      detail,
      target: { kind: actorKindOf(kind), id: target.id, label: login },
    });

  if (!(await peekLimit("logonFailuresByIp", ipKey)).allowed) {
    await audit(AuditAction.logonFailure, "FAILURE", { id: null }, { reason: "ip_blocked" });
    return { ok: false, error: "ip_blocked", captchaRequired: false };
  }
  const addressFailures = await peekLimit("logonFailuresByAddress", addressKey);
  const captchaRequired = !addressFailures.allowed;
  if (captchaRequired) metrics().captchaDemands.inc({ surface: kind === "cloud" ? "console" : "mail" });
  if (captchaRequired && !(await verifyCaptcha(input.captchaId, input.captchaAnswer ?? "", meta, "logon"))) {
    return { ok: false, error: "captcha", captchaRequired: true };
  }

  const cred = await findCredential(kind, { login });
  const at = now();
  const passwordOk = cred ? await verifyPassword(cred.passwordHash, input.password) : await verifyAgainstDummy(input.password);

  if (cred && passwordOk && cred.active && !isLocked(cred.lockedUntil, at)) {
    const rehash = needsRehash(cred.passwordHash) ? await hashPassword(input.password) : undefined;
    // The only moment the plain password is in hand: judged again (profile, expiry, breaches) before any second step.
    const mustChangePassword = await enforcePasswordAtLogon(kind, cred, input.password, at, meta);
    // A second step is due: nothing is reset until it passes (else each right password would wipe its failures).
    const twoStep = cred.twoStep;
    const need = twoStep.requirement;
    if (need.asked && !(await isTrustedBrowser(input.trustedBrowser, twoStep, at))) {
      if (rehash) await updateCounters(kind, cred.id, { passwordHash: rehash });
      return { ok: "second_step", pending: await beginTwoStep(twoStep, meta) };
    }
    await updateCounters(kind, cred.id, {
      failedLogonCount: 0,
      lastFailedLogonAt: null,
      lockedUntil: null,
      lockCount: 0,
      passwordHash: rehash,
      lastLogonAt: at,
    });
    // Nothing counted for this address (the common case): nothing to reset, one round trip fewer.
    if (addressFailures.used > 0) await resetLimit("logonFailuresByAddress", addressKey);
    const detail = {
      ...(rehash ? { rehashed: "true" } : {}),
      ...(need.needsSetup ? { twoStep: "setup_required" } : need.asked ? { twoStep: "trusted_browser" } : {}),
    };
    await audit(
      AuditAction.logonSuccess,
      "SUCCESS",
      { id: cred.id, domainId: cred.domainId },
      Object.keys(detail).length ? detail : undefined,
    );
    return {
      ok: true,
      accountId: cred.id,
      sessionVersion: cred.sessionVersion,
      mustChangePassword,
      role: cred.role,
      locale: cred.locale,
      setupOnly: need.needsSetup,
    };
  }

  const reason = !cred ? "unknown" : !cred.active ? "disabled" : isLocked(cred.lockedUntil, at) ? "locked" : "password";
  // Smart lockout: the same wrong password again within 15 minutes (a phone's mail client retrying an old
  // one) counts once toward the account's lock. Only a keyed hash of it is kept, for that window; every
  // failure asks the same question, known address or not, so the answer's time tells nothing.
  const seen = await consumeLimit("repeatedWrongPassword", repeatKey(kind, cred?.id ?? `address:${login}`, input.password));
  const repeat = !seen.allowed;
  await audit(
    AuditAction.logonFailure,
    "FAILURE",
    { id: cred?.id ?? null, domainId: cred?.domainId },
    { reason, ...(repeat ? { repeat: "true" } : {}) },
  );
  const counted = cred && reason === "password" && !repeat ? await countAccountFailure(kind, cred, at, login, meta) : null;
  const ip = await consumeLimit("logonFailuresByIp", ipKey);
  if (ip.used >= 50) await blockLimit("logonFailuresByIp", ipKey);
  const address = await consumeLimit("logonFailuresByAddress", addressKey);
  const notices = counted?.notices.length ? { notices: counted.notices } : {};
  return { ok: false, error: "invalid", captchaRequired: !address.allowed || address.used >= 5, ...notices };
}

/** The rate-limit key of one wrong password of one account: an HMAC of it, never the password. */
function repeatKey(kind: CredentialKind, accountId: string, password: string): string {
  return `${kind}:${accountId}:${hmacDigest(`wrong-password:${kind}:${accountId}`, password)}`;
}
