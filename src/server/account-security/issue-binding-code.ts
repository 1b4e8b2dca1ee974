import "server-only";
import { maskPhone } from "@/lib/phone";
import { addMs, now } from "@/server/clock";
import { getDb } from "@/server/db";
import { newId } from "@/server/ids";
import type { RequestMeta } from "@/server/request-meta";
import { consumeLimit } from "@/server/security/rate-limit";
import { sendSms } from "@/server/sms/send-sms";
import { generateSmsCode, resendWaitMs, SMS_CODE } from "@/server/verification/sms-code";
import type { SecurityAccount } from "./account-context";
import { bindingCodeDigest, bindingSmsBody, isBindingOpen } from "./binding-rules";

export type IssueBindingCodeResult =
  | { ok: true; maskedPhone: string; codeExpiresAt: Date }
  | { ok: false; error: "resend_wait"; waitMs: number }
  | { ok: false; error: "rate_limited"; retryAfterMs: number }
  | { ok: false; error: "no_pending" }
  | { ok: false; error: "send_failed" };

type Target = { kind: "new"; phone: string } | { kind: "resend" };

/**
 * Sends a binding code: to a new number (a fresh MobileVerification row that
 * replaces any pending one) or again to the pending number (same row, a new
 * code voids the old one). Shared rules: 60 s between sends per account, the
 * bindSmsByAccount hourly limit; a send that fails leaves no usable code and
 * no resend wait behind.
 */
export async function issueBindingCode(account: SecurityAccount, target: Target, meta: RequestMeta): Promise<IssueBindingCodeResult> {
  const at = now();
  const pending = await getDb().mobileVerification.findUnique({
    where: { accountId: account.id },
    select: { id: true, phone: true, codeSentAt: true, createdAt: true },
  });
  if (target.kind === "resend" && (!pending || !isBindingOpen(pending, at))) return { ok: false, error: "no_pending" };
  const waitMs = pending ? resendWaitMs(pending, at) : 0;
  if (waitMs > 0) return { ok: false, error: "resend_wait", waitMs };
  const limit = await consumeLimit("bindSmsByAccount", account.id);
  if (!limit.allowed) return { ok: false, error: "rate_limited", retryAfterMs: limit.retryAfterMs };

  const code = generateSmsCode();
  const id = target.kind === "new" ? newId() : pending!.id;
  const phone = target.kind === "new" ? target.phone : pending!.phone;
  const plan: CodePlan = {
    kind: target.kind,
    id,
    phone,
    at,
    codeHash: bindingCodeDigest(id, code),
    codeExpiresAt: addMs(at, SMS_CODE.ttlMs),
  };
  if (!(await storeCode(account.id, plan))) return { ok: false, error: "resend_wait", waitMs: SMS_CODE.resendAfterMs };

  const sent = await sendSms({
    to: phone,
    purpose: "BIND_CODE",
    ...bindingSmsBody(code),
    accountId: account.id,
    domainId: account.domainId,
    actor: { kind: "MAIL_ACCOUNT", id: account.id, label: account.address },
    meta,
  });
  if (!sent.ok) {
    await forgetUnsentCode(plan);
    return { ok: false, error: "send_failed" };
  }
  return { ok: true, maskedPhone: maskPhone(phone), codeExpiresAt: plan.codeExpiresAt };
}

interface CodePlan {
  kind: Target["kind"];
  id: string;
  phone: string;
  at: Date;
  codeHash: string;
  codeExpiresAt: Date;
}

/** Writes the code; false when another request sent one in the meantime (or replaced the pending row). */
async function storeCode(accountId: string, p: CodePlan): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    // One writer per account at a time, so two quick clicks cannot both pass the 60 s rule.
    await tx.$executeRaw`SELECT 1 FROM "MailAccount" WHERE "id" = ${accountId} FOR UPDATE`;
    const current = await tx.mobileVerification.findUnique({ where: { accountId }, select: { codeSentAt: true } });
    if (current && resendWaitMs(current, p.at) > 0) return false;
    const fresh = { codeHash: p.codeHash, codeExpiresAt: p.codeExpiresAt, codeAttempts: 0, codeSentAt: p.at };
    if (p.kind === "resend") {
      const n = await tx.mobileVerification.updateMany({ where: { id: p.id }, data: { ...fresh, sendCount: { increment: 1 } } });
      return n.count === 1;
    }
    await tx.mobileVerification.deleteMany({ where: { accountId } });
    await tx.mobileVerification.create({ data: { id: p.id, accountId, phone: p.phone, ...fresh, sendCount: 1, createdAt: p.at } });
    return true;
  });
}

/** The user never got this code: a new number is forgotten, a resend leaves the number without a code (and without a wait). */
async function forgetUnsentCode(p: CodePlan): Promise<void> {
  const mine = { id: p.id, codeHash: p.codeHash };
  if (p.kind === "new") await getDb().mobileVerification.deleteMany({ where: mine });
  else await getDb().mobileVerification.updateMany({ where: mine, data: { codeHash: null, codeExpiresAt: null, codeSentAt: null } });
}
