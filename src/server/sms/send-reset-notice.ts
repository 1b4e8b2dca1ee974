import "server-only";
import { formatUtc } from "@/lib/format";
import type { Actor } from "@/server/audit/record-audit-event";
import { accountLocale } from "@/server/accounts/account-locale";
import { translatorFor } from "@/server/i18n/translator";
import type { RequestMeta } from "@/server/request-meta";
import { emailHtml } from "@/server/email/email-html";
import { sendEmail } from "@/server/email/send-email";
import { sendSms } from "./send-sms";
import { componentLogger } from "@/server/observability/logger";

export type ResetBy = "postmaster" | "self_service" | "console";

export interface ResetNoticeInput {
  /** `locale`: the account's stored language (MailAccount.locale), null when it chose none. */
  account: {
    id: string;
    address: string;
    secureMobile: string | null;
    backupEmail?: string | null;
    domainId: string;
    locale: string | null;
  };
  by: ResetBy;
  at: Date;
  meta: RequestMeta;
  actor: Actor;
}

/**
 * After any reset, tells the owner on the secure mobile and at the backup
 * email address (whichever are bound), so a reset they did
 * not ask for is noticed. In the owner's language (not the resetter's); it
 * names who reset the password and when, never the password itself. Best
 * effort: called after the commit, never throws.
 */
export async function sendResetNotice(input: ResetNoticeInput): Promise<void> {
  const { account } = input;
  const values = { address: account.address, at: formatUtc(input.at) };
  const locale = accountLocale(account.locale, input.meta.locale);
  if (account.secureMobile) {
    try {
      const t = await translatorFor(locale);
      const body = t(`Sms.resetNotice.${input.by}`, values);
      await sendSms({
        to: account.secureMobile,
        purpose: "RESET_NOTICE",
        body,
        redactedBody: body, // nothing secret in it
        accountId: account.id,
        domainId: account.domainId,
        actor: input.actor,
        meta: input.meta,
      });
    } catch (e) {
      componentLogger("sms").error({ err: e }, "reset notice failed");
    }
  }
  // The backup email address hears it too (issue 14): a reset the owner did not ask for is noticed there as well.
  if (account.backupEmail) {
    try {
      const t = await translatorFor(locale);
      const text = `${t(`Sms.resetNotice.${input.by}`, values)}\n\n${t("Email.resetNotice.footer")}`;
      await sendEmail({
        to: account.backupEmail,
        purpose: "RESET_NOTICE",
        subject: t("Email.resetNotice.subject", { address: account.address }),
        text,
        html: emailHtml(locale, text.split("\n\n")),
        redactedText: text, // nothing secret in it
        accountId: account.id,
        domainId: account.domainId,
        actor: input.actor,
        meta: input.meta,
      });
    } catch (e) {
      componentLogger("email").error({ err: e }, "reset notice email failed");
    }
  }
}
