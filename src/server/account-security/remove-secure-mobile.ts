import "server-only";
import { maskPhone } from "@/lib/phone";
import { AuditAction } from "@/server/audit/audit-action";
import { now } from "@/server/clock";
import { transaction } from "@/server/db";
import { sendMobileNotice } from "@/server/sms/send-mobile-notice";
import type { RequestMeta } from "@/server/request-meta";
import { dropVerification } from "@/server/verification/verification-store";
import { auditSecurityChange, reauthenticate } from "./internal/account-context";
import { isLastRequiredMethod, lockTwoStepSubject } from "@/server/two-step/two-step-policy";
import { bindingKey } from "./internal/binding-rules";

export type RemoveSecureMobileResult = { ok: true } | { ok: false; error: "wrong_password" | "not_bound" | "still_required" };

/**
 * Removes the secure mobile (current password required) and any pending binding, audited with the
 * number masked. Refused while it is the only second-step method of an account that requires one
 * (checked on the locked row: a parallel "turn off the app" cannot slip between).
 */
export async function removeSecureMobile(input: {
  accountId: string;
  currentPassword: string;
  meta: RequestMeta;
}): Promise<RemoveSecureMobileResult> {
  const account = await reauthenticate(input.accountId, input.currentPassword, { action: AuditAction.mobileRemoved, meta: input.meta });
  if (!account) return { ok: false, error: "wrong_password" };
  const phone = account.secureMobile;
  if (!phone) return { ok: false, error: "not_bound" };
  const removed = await transaction(async (tx) => {
    const subject = await lockTwoStepSubject(tx, { kind: "mail", id: account.id });
    if (subject?.requirement.methods.sms && isLastRequiredMethod(subject.requirement, "sms")) return false;
    await tx.mailAccount.update({ where: { id: account.id }, data: { secureMobile: null, secureMobileVerifiedAt: null } });
    await dropVerification(bindingKey(account.id), tx);
    await auditSecurityChange(account, AuditAction.mobileRemoved, "SUCCESS", input.meta, { phone: maskPhone(phone) }, tx);
    return true;
  });
  if (!removed) {
    await auditSecurityChange(account, AuditAction.mobileRemoved, "REFUSED", input.meta, { reason: "still_required" });
    return { ok: false, error: "still_required" };
  }
  const actor = { kind: "MAIL_ACCOUNT" as const, id: account.id, label: account.address };
  await sendMobileNotice({ account, previous: phone, next: null, at: now(), meta: input.meta, actor });
  return { ok: true };
}
