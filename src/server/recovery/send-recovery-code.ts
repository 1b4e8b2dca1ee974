import "server-only";
import { ipLimitKey } from "@/lib/client-ip";
import { maskPhone } from "@/lib/phone";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { consumeLimit, peekLimit, refundLimit, type LimitState } from "@/server/security/rate-limit";
import type { RateLimitPolicyName } from "@/server/security/rate-limit-policies";
import { accountLocale } from "@/server/accounts/account-locale";
import { codeSms } from "@/server/sms/code-sms";
import { sendSms } from "@/server/sms/send-sms";
import { resendWaitMs } from "@/server/verification/sms-code";
import { findVerification, issueCode } from "@/server/verification/verification-store";
import { loadVerifyContext, type FlowError } from "./load-recovery-flow";
import { recoveryActor } from "./recovery-audit";
import { recoveryCodeKey } from "./recovery-policy";

export type SendRecoveryCodeResult =
  | { ok: true; maskedPhone: string }
  | { ok: false; error: FlowError | "account_blocked" | "method_unavailable" | "capped" | "send_failed" }
  | { ok: false; error: "resend_wait"; waitMs: number }
  | { ok: false; error: "send_limit"; retryAfterMs: number };

/**
 * "Send code" / "Resend code": at most one code per 60 s, 5 an hour and 10 a
 * day per account, 10 an hour per IP, under the global hourly cap. A new code
 * voids the old one and resets its tries; when the SMS cannot be sent the
 * previous code (and its resend timer) is put back, and neither a try nor a
 * send is counted, unless the provider timed out: that SMS may still
 * arrive, so the caps keep counting it.
 */
export async function sendRecoveryCode(
  flowId: string | undefined,
  _input: Record<string, never>,
  meta: RequestMeta,
): Promise<SendRecoveryCodeResult> {
  const at = now();
  const loaded = await loadVerifyContext(flowId, at);
  if (!loaded.ok) return loaded;
  const { flow, account, methods } = loaded.ctx;
  if (!methods.sms) return { ok: false, error: "method_unavailable" };
  const key = recoveryCodeKey(flow.id);
  const current = await findVerification(key);
  const waitMs = current ? resendWaitMs(current, at) : 0;
  if (waitMs > 0) return { ok: false, error: "resend_wait", waitMs };

  const caps = sendCaps(account.id, ipLimitKey(meta.ip));
  const capped = tightest(await Promise.all(caps.map(([name, key]) => peekLimit(name, key))));
  if (capped) return { ok: false, error: "send_limit", retryAfterMs: capped.retryAfterMs };

  // Of two parallel requests only one gets a code; the other is told to wait.
  const issued = await issueCode(key, { destination: methods.sms });
  if (!issued.ok) return issued;
  const limited = tightest(await Promise.all(caps.map(([name, key]) => consumeLimit(name, key))));
  if (limited) {
    await issued.undo();
    return { ok: false, error: "send_limit", retryAfterMs: limited.retryAfterMs };
  }
  const sent = await sendSms({
    to: methods.sms,
    purpose: "RECOVERY_CODE",
    // In the account's language; an account that never chose one gets the language of this request.
    ...(await codeSms(issued.code, accountLocale(account.locale, meta.locale))),
    accountId: account.id,
    domainId: account.domainId,
    actor: recoveryActor({ accountId: account.id, address: account.address, domainId: account.domainId }),
    meta,
  });
  if (!sent.ok) {
    // Not sent: the previous code stands, and the caps give back what they counted for this one.
    await issued.undo();
    if (!sent.mayHaveBeenSent) await Promise.all(caps.map(([name, key]) => refundLimit(name, key)));
    return { ok: false, error: sent.error };
  }
  await getDb().recoveryFlow.updateMany({ where: { id: flow.id, step: "VERIFY" }, data: { method: "SMS" } });
  return { ok: true, maskedPhone: maskPhone(methods.sms) };
}

type SendCap = readonly [RateLimitPolicyName, string];

/** The three send caps of one request: per account per hour and per day, per IP per hour. */
function sendCaps(accountId: string, ip: string): SendCap[] {
  return [
    ["recoverySmsByAccountHour", accountId],
    ["recoverySmsByAccountDay", accountId],
    ["recoverySmsByIp", ip],
  ];
}

/** The refusal that lasts longest, if any cap refuses. */
function tightest(states: LimitState[]): LimitState | null {
  const refused = states.filter((s) => !s.allowed);
  if (!refused.length) return null;
  return refused.reduce((a, b) => (b.retryAfterMs > a.retryAfterMs ? b : a));
}
