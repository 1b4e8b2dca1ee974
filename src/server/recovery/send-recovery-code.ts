import "server-only";
import type { RecoveryMethod } from "@/generated/prisma/enums";
import { ipLimitKey } from "@/lib/client-ip";
import { maskEmail } from "@/lib/email";
import { maskPhone } from "@/lib/phone";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { consumeLimit, peekLimit, refundLimit, type LimitState } from "@/server/security/rate-limit";
import type { RateLimitPolicyName } from "@/server/security/rate-limit-policies";
import { accountLocale } from "@/server/accounts/account-locale";
import { codeEmail } from "@/server/email/code-email";
import { sendEmail } from "@/server/email/send-email";
import { codeSms } from "@/server/sms/code-sms";
import { sendSms } from "@/server/sms/send-sms";
import { resendWaitMs } from "@/server/verification/sms-code";
import { findVerification, issueCode } from "@/server/verification/verification-store";
import { loadVerifyContext, type FlowError } from "./internal/load-recovery-flow";
import { codeDestination } from "./internal/recovery-account";
import { recoveryActor } from "./internal/recovery-audit";
import { recoveryCodeKey } from "./internal/recovery-policy";

export type SendRecoveryCodeResult =
  | { ok: true; masked: string }
  | { ok: false; error: FlowError | "account_blocked" | "method_unavailable" | "capped" | "send_failed" }
  | { ok: false; error: "resend_wait"; waitMs: number }
  | { ok: false; error: "send_limit"; retryAfterMs: number };

/** The methods that send a code: an SMS to the secure mobile, an email to the backup address. */
export type CodeMethod = Extract<RecoveryMethod, "SMS" | "EMAIL">;

/**
 * "Send code" / "Resend code", by SMS or to the backup email address: one
 * code of a flow is valid at a time, at most one per 60 s, 5 an hour and 10
 * a day per account (both channels together), 10 an hour per IP, and SMS
 * under the global hourly cap. A new code voids the old one and resets its
 * tries; when the message cannot be sent the previous code (and its resend
 * timer) is put back, and neither a try nor a send is counted, unless the
 * SMS provider timed out: that SMS may still arrive, so the caps keep
 * counting it.
 */
export async function sendRecoveryCode(
  input: { flowId: string | undefined; method: CodeMethod },
  meta: RequestMeta,
): Promise<SendRecoveryCodeResult> {
  const loaded = await loadVerifyContext(input.flowId);
  if (!loaded.ok) return loaded;
  const { at, flow, account, methods, subject } = loaded.ctx;
  const to = codeDestination(methods, input.method);
  // The proof this flow already passed does not count twice: the second one is another method.
  if (!to || input.method === flow.firstMethod) return { ok: false, error: "method_unavailable" };
  const key = recoveryCodeKey(flow.id);
  const current = await findVerification(key);
  const waitMs = current ? resendWaitMs(current, at) : 0;
  if (waitMs > 0) return { ok: false, error: "resend_wait", waitMs };

  const caps = sendCaps(account.id, ipLimitKey(meta.ip));
  const capped = tightest(await Promise.all(caps.map(([name, key]) => peekLimit(name, key))));
  if (capped) return { ok: false, error: "send_limit", retryAfterMs: capped.retryAfterMs };

  // Of two parallel requests only one gets a code; the other is told to wait.
  const issued = await issueCode(key, { destination: to, current });
  if (!issued.ok) return issued;
  const limited = tightest(await Promise.all(caps.map(([name, key]) => consumeLimit(name, key))));
  if (limited) {
    await issued.undo();
    return { ok: false, error: "send_limit", retryAfterMs: limited.retryAfterMs };
  }
  // In the account's language; an account that never chose one gets the language of this request.
  const locale = accountLocale(account.locale, meta.locale);
  const message = {
    accountId: account.id,
    domainId: account.domainId,
    actor: recoveryActor(subject),
    meta,
  };
  const sent =
    input.method === "SMS"
      ? await sendSms({
          to,
          purpose: "RECOVERY_CODE",
          ...(await codeSms(issued.code, locale)),
          ...message,
          accountAddress: account.address,
        })
      : {
          ...(await sendEmail({ to, purpose: "RECOVERY_CODE", ...(await codeEmail(issued.code, locale)), ...message })),
          mayHaveBeenSent: false,
        };
  if (!sent.ok) {
    // Not sent: the previous code stands, and the caps give back what they counted for this one.
    await issued.undo();
    if (!sent.mayHaveBeenSent) await Promise.all(caps.map(([name, key]) => refundLimit(name, key)));
    return { ok: false, error: sent.error };
  }
  // The method whose code is live: the page shows its code field, and only its code passes step 2.
  await getDb().recoveryFlow.updateMany({ where: { id: flow.id, step: "VERIFY" }, data: { method: input.method } });
  return { ok: true, masked: input.method === "SMS" ? maskPhone(to) : maskEmail(to) };
}

type SendCap = readonly [RateLimitPolicyName, string];

/** The three send caps of one request (SMS and email alike): per account per hour and per day, per IP per hour. */
function sendCaps(accountId: string, ip: string): SendCap[] {
  return [
    ["recoveryCodesByAccountHour", accountId],
    ["recoveryCodesByAccountDay", accountId],
    ["recoveryCodesByIp", ip],
  ];
}

/** The refusal that lasts longest, if any cap refuses. */
function tightest(states: LimitState[]): LimitState | null {
  const refused = states.filter((s) => !s.allowed);
  if (!refused.length) return null;
  return refused.reduce((a, b) => (b.retryAfterMs > a.retryAfterMs ? b : a));
}
