import "server-only";
import { maskPhone } from "@/lib/phone";
import type { Actor } from "@/server/audit/record-audit-event";
import { accountLocale } from "@/server/accounts/account-locale";
import { translatorFor } from "@/server/i18n/translator";
import type { RequestMeta } from "@/server/request-meta";
import { formatUtc } from "@/lib/format";
import { sendSms } from "./send-sms";
import { componentLogger } from "@/server/observability/logger";

export interface MobileNoticeInput {
  /** `locale`: the account's stored language (MailAccount.locale), null when it chose none. */
  account: { id: string; address: string; domainId: string; locale: string | null };
  /** The number that stops being the secure mobile: the notice goes there. */
  previous: string;
  /** The new number (masked in the text), or null when the binding was removed. */
  next: string | null;
  at: Date;
  meta: RequestMeta;
  actor: Actor;
}

/**
 * Tells the OLD number that it is no longer the secure mobile: whoever took
 * over a session and rebinds the recovery phone is noticed by the owner.
 * In the account's language. Best effort, after the commit; never throws.
 */
export async function sendMobileNotice(input: MobileNoticeInput): Promise<void> {
  try {
    const t = await translatorFor(accountLocale(input.account.locale, input.meta.locale));
    const values = { address: input.account.address, at: formatUtc(input.at) };
    const body = input.next
      ? t("Sms.mobileNotice.changed", { ...values, phone: maskPhone(input.next) })
      : t("Sms.mobileNotice.removed", values);
    await sendSms({
      to: input.previous,
      purpose: "MOBILE_NOTICE",
      body,
      redactedBody: body,
      accountId: input.account.id,
      domainId: input.account.domainId,
      actor: input.actor,
      meta: input.meta,
    });
  } catch (e) {
    componentLogger("sms").error({ err: e }, "mobile notice failed");
  }
}
