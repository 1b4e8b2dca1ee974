import "server-only";
import { maskPhone } from "@/lib/phone";
import { now } from "@/server/clock";
import type { RequestMeta } from "@/server/request-meta";
import { consumeLimit, refundLimit } from "@/server/security/rate-limit";
import { sendSms } from "@/server/sms/send-sms";
import { accountLocale } from "@/server/accounts/account-locale";
import { codeSms } from "@/server/sms/code-sms";
import { resendWaitMs } from "@/server/verification/sms-code";
import { findVerification, issueCode } from "@/server/verification/verification-store";
import type { SecurityAccount } from "./account-context";
import { bindingKey, isBindingOpen } from "./binding-rules";

export type IssueBindingCodeResult =
  | { ok: true; maskedPhone: string; codeExpiresAt: Date }
  | { ok: false; error: "resend_wait"; waitMs: number }
  | { ok: false; error: "rate_limited"; retryAfterMs: number }
  | { ok: false; error: "no_pending" }
  | { ok: false; error: "send_failed" };

type Target = { kind: "new"; phone: string } | { kind: "resend" };

/**
 * Sends a binding code (the shared SMS challenge, verification-store.ts): to
 * a new number (a new challenge that replaces any pending one) or again to
 * the pending number (a new code voids the old one). 60 s between sends per
 * account, the bindSmsByAccount hourly limit; a send that fails puts back
 * what was there before, the limit's count included.
 */
export async function issueBindingCode(account: SecurityAccount, target: Target, meta: RequestMeta): Promise<IssueBindingCodeResult> {
  const at = now();
  const key = bindingKey(account.id);
  const pending = await findVerification(key);
  if (target.kind === "resend" && (!pending || !isBindingOpen(pending, at))) return { ok: false, error: "no_pending" };
  const waitMs = pending ? resendWaitMs(pending, at) : 0;
  if (waitMs > 0) return { ok: false, error: "resend_wait", waitMs };
  const limit = await consumeLimit("bindSmsByAccount", account.id);
  if (!limit.allowed) return { ok: false, error: "rate_limited", retryAfterMs: limit.retryAfterMs };

  const phone = target.kind === "new" ? target.phone : pending!.destination;
  const issued = await issueCode(key, { destination: phone, fresh: target.kind === "new" });
  if (!issued.ok) return issued;
  const sent = await sendSms({
    to: phone,
    purpose: "BIND_CODE",
    ...(await codeSms(issued.code, accountLocale(account.locale, meta.locale))),
    accountId: account.id,
    domainId: account.domainId,
    actor: { kind: "MAIL_ACCOUNT", id: account.id, label: account.address },
    meta,
  });
  if (!sent.ok) {
    await issued.undo();
    if (!sent.mayHaveBeenSent) await refundLimit("bindSmsByAccount", account.id);
    return { ok: false, error: "send_failed" };
  }
  return { ok: true, maskedPhone: maskPhone(phone), codeExpiresAt: issued.codeExpiresAt };
}
