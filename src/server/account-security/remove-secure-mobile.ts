import "server-only";
import { maskPhone } from "@/lib/phone";
import { AuditAction } from "@/server/audit/audit-action";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import { sendMobileNotice } from "@/server/sms/send-mobile-notice";
import type { RequestMeta } from "@/server/request-meta";
import { dropVerification } from "@/server/verification/verification-store";
import { auditSecurityChange, reauthenticate } from "./account-context";
import { bindingKey } from "./binding-rules";

export type RemoveSecureMobileResult = { ok: true } | { ok: false; error: "wrong_password" | "not_bound" };

/** Removes the secure mobile (current password required) and any pending binding, audited with the number masked. */
export async function removeSecureMobile(input: {
  accountId: string;
  currentPassword: string;
  meta: RequestMeta;
}): Promise<RemoveSecureMobileResult> {
  const account = await reauthenticate(input.accountId, input.currentPassword, { action: AuditAction.mobileRemoved, meta: input.meta });
  if (!account) return { ok: false, error: "wrong_password" };
  const phone = account.secureMobile;
  if (!phone) return { ok: false, error: "not_bound" };
  await getDb().$transaction(async (tx) => {
    await tx.mailAccount.update({ where: { id: account.id }, data: { secureMobile: null, secureMobileVerifiedAt: null } });
    await dropVerification(bindingKey(account.id), tx);
    await auditSecurityChange(account, AuditAction.mobileRemoved, "SUCCESS", input.meta, { phone: maskPhone(phone) }, tx);
  });
  const actor = { kind: "MAIL_ACCOUNT" as const, id: account.id, label: account.address };
  await sendMobileNotice({ account, previous: phone, next: null, at: now(), meta: input.meta, actor });
  return { ok: true };
}
