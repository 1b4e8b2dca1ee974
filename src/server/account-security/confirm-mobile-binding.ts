import "server-only";
import { maskPhone } from "@/lib/phone";
import { AuditAction } from "@/server/audit/audit-action";
import { now } from "@/server/clock";
import { getDb, transaction } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { sendMobileNotice } from "@/server/sms/send-mobile-notice";
import { SMS_CODE } from "@/server/verification/sms-code";
import { judgeCode, pendingChallenge } from "@/server/verification/verification-store";
import { auditSecurityChange } from "./internal/account-context";
import { bindingKey, refuseBindingCode } from "./internal/binding-rules";

export type ConfirmMobileBindingResult =
  | { ok: true; maskedPhone: string; changed: boolean }
  | { ok: false; error: "no_pending" | "expired" | "voided" | "not_found" }
  | { ok: false; error: "wrong_code"; attemptsLeft: number };

/**
 * Step 2: the code from the SMS (judged by the shared judgeCode). Only a
 * right code binds the number (secureMobile + secureMobileVerifiedAt,
 * challenge used up, audited with the number masked), all in one
 * transaction. Wrong codes are counted; the 5th voids the code. An expired
 * code is refused uncounted. The old number, if any, is told afterwards.
 */
export async function confirmMobileBinding(input: {
  accountId: string;
  code: string;
  meta: RequestMeta;
}): Promise<ConfirmMobileBindingResult> {
  const account = await getDb().mailAccount.findUnique({
    where: { id: input.accountId },
    select: { id: true, address: true, domainId: true, status: true, secureMobile: true, secureMobileVerifiedAt: true, locale: true },
  });
  if (!account || account.status !== "ACTIVE") return { ok: false, error: "not_found" };
  const key = bindingKey(account.id);
  const at = now();
  const ready = await pendingChallenge(key, at);
  if (!ready.ok) return ready;
  const pending = ready.pending;

  const previous = account.secureMobile && account.secureMobileVerifiedAt ? account.secureMobile : null;
  let bound: string | null = null;
  const result = await transaction(async (tx): Promise<ConfirmMobileBindingResult> => {
    const judged = await judgeCode(tx, key, input.code, at);
    const phone = judged.verification?.destination ?? pending.destination;
    const masked = maskPhone(phone);
    if (judged.verdict === "none")
      return { ok: false, error: (judged.verification?.codeAttempts ?? 0) >= SMS_CODE.maxAttempts ? "voided" : "no_pending" };
    const refused = await refuseBindingCode(judged, (reason) =>
      auditSecurityChange(account, AuditAction.mobileBound, "FAILURE", input.meta, { reason, phone: masked }, tx),
    );
    if (refused) return refused;
    await tx.mailAccount.update({ where: { id: account.id }, data: { secureMobile: phone, secureMobileVerifiedAt: at } });
    const detail = { phone: masked, ...(previous ? { previous: maskPhone(previous), changed: true } : { changed: false }) };
    await auditSecurityChange(account, AuditAction.mobileBound, "SUCCESS", input.meta, detail, tx);
    bound = phone;
    return { ok: true, maskedPhone: masked, changed: !!previous };
  });
  // After the commit: the old number learns it is no longer the secure mobile; the backup address hears of it too.
  if (bound && previous !== bound) {
    const actor = { kind: "MAIL_ACCOUNT" as const, id: account.id, label: account.address };
    await sendMobileNotice({ account, previous, next: bound, at, meta: input.meta, actor });
  }
  return result;
}
