import "server-only";
import { maskPhone } from "@/lib/phone";
import { AuditAction } from "@/server/audit/actions";
import { now } from "@/server/clock";
import { getDb, type Tx } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { attemptsLeft, checkSmsCode, SMS_CODE } from "@/server/verification/sms-code";
import { auditSecurityChange } from "./account-context";
import { bindingScope } from "./binding-rules";
import { sendMobileNotice } from "@/server/sms/send-mobile-notice";

export type ConfirmMobileBindingResult =
  | { ok: true; maskedPhone: string; changed: boolean }
  | { ok: false; error: "no_pending" | "expired" | "voided" | "not_found" }
  | { ok: false; error: "wrong_code"; attemptsLeft: number };

/**
 * Step 2: the code from the SMS. Only a right code binds the number
 * (secureMobile + secureMobileVerifiedAt, pending row deleted, audited with
 * the number masked), all in one transaction. Wrong codes are counted under a
 * row lock; the 5th voids the code. An expired code is refused uncounted.
 */
export async function confirmMobileBinding(input: {
  accountId: string;
  code: string;
  meta: RequestMeta;
}): Promise<ConfirmMobileBindingResult> {
  const notices: Array<{ account: { id: string; address: string; domainId: string }; previous: string; next: string; at: Date }> = [];
  const result = await getDb().$transaction(async (tx): Promise<ConfirmMobileBindingResult> => {
    const account = await tx.mailAccount.findUnique({
      where: { id: input.accountId },
      select: { id: true, address: true, domainId: true, status: true, secureMobile: true, secureMobileVerifiedAt: true },
    });
    if (!account || account.status !== "ACTIVE") return { ok: false, error: "not_found" };
    await tx.$executeRaw`SELECT 1 FROM "MobileVerification" WHERE "accountId" = ${account.id} FOR UPDATE`;
    const row = await tx.mobileVerification.findUnique({ where: { accountId: account.id }, omit: { codeHash: false } });
    if (!row) return { ok: false, error: "no_pending" };
    if (row.codeAttempts >= SMS_CODE.maxAttempts) return { ok: false, error: "voided" };
    const at = now();
    const check = checkSmsCode(row, bindingScope(row.id), input.code, at);
    const masked = maskPhone(row.phone);
    switch (check) {
      case "none":
        return { ok: false, error: "no_pending" };
      case "expired":
        return { ok: false, error: "expired" };
      case "wrong":
      case "exhausted":
        return countWrongCode(tx, account, row.id, check === "exhausted", masked, input.meta);
    }
    const previous = account.secureMobile && account.secureMobileVerifiedAt ? account.secureMobile : null;
    await tx.mailAccount.update({ where: { id: account.id }, data: { secureMobile: row.phone, secureMobileVerifiedAt: at } });
    await tx.mobileVerification.delete({ where: { id: row.id } });
    const detail = { phone: masked, ...(previous ? { previous: maskPhone(previous), changed: true } : { changed: false }) };
    await auditSecurityChange(account, AuditAction.mobileBound, "SUCCESS", input.meta, detail, tx);
    if (previous && previous !== row.phone) notices.push({ account, previous, next: row.phone, at });
    return { ok: true, maskedPhone: masked, changed: !!previous };
  });
  // After the commit: the old number learns it is no longer the secure mobile.
  for (const notice of notices) {
    const actor = { kind: "MAIL_ACCOUNT" as const, id: notice.account.id, label: notice.account.address };
    await sendMobileNotice({ ...notice, meta: input.meta, actor });
  }
  return result;
}

async function countWrongCode(
  tx: Tx,
  account: { id: string; address: string; domainId: string },
  rowId: string,
  exhausted: boolean,
  masked: string,
  meta: RequestMeta,
): Promise<ConfirmMobileBindingResult> {
  const row = await tx.mobileVerification.update({
    where: { id: rowId },
    // The 5th wrong entry voids the code itself, not only the counter.
    data: exhausted ? { codeAttempts: { increment: 1 }, codeHash: null, codeExpiresAt: null } : { codeAttempts: { increment: 1 } },
    select: { codeAttempts: true },
  });
  await auditSecurityChange(
    account,
    AuditAction.mobileBound,
    "FAILURE",
    meta,
    { reason: exhausted ? "code_voided" : "wrong_code", phone: masked },
    tx,
  );
  return exhausted ? { ok: false, error: "voided" } : { ok: false, error: "wrong_code", attemptsLeft: attemptsLeft(row) };
}
