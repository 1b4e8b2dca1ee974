import "server-only";
import { formatUtc } from "@/lib/format";
import type { Actor } from "@/server/audit/record-audit-event";
import { accountLocale } from "@/server/accounts/account-locale";
import { emailHtml } from "@/server/email/email-html";
import { sendEmail } from "@/server/email/send-email";
import { translatorFor } from "@/server/i18n/translator";
import { componentLogger } from "@/server/observability/logger";
import type { RequestMeta } from "@/server/request-meta";
import { sendSms } from "@/server/sms/send-sms";
import type { NoticeAccount } from "./security-notice";

export interface ExpiryReminderInput {
  /** The account with its verified channels only (findNoticeAccount's shape). */
  account: NoticeAccount;
  /** Whole days left before the password expires (14, 7, 1 or fewer). */
  days: number;
  expiresAt: Date;
  meta: RequestMeta;
  actor: Actor;
}

/** What each channel did: absent when the account has none; `capped` when the SMS hourly cap refused it. */
export interface ExpiryReminderResult {
  sms?: "sent" | "failed" | "capped";
  email?: "sent" | "failed";
}

/**
 * A custom profile's expiry is near (SECURITY.md "Passwords"): the owner hears
 * it on the secure mobile and at the backup address, in its own language:
 * how many days are left, for which address, and where to change the
 * password. Nothing secret and no link: the reminder asks for nothing that
 * a phisher's copy of it could abuse. Never throws.
 */
export async function sendExpiryReminder(input: ExpiryReminderInput): Promise<ExpiryReminderResult> {
  const { account } = input;
  const log = componentLogger("notices");
  const result: ExpiryReminderResult = {};
  try {
    const locale = accountLocale(account.locale, input.meta.locale);
    const t = await translatorFor(locale);
    const values = { address: account.address, days: input.days, at: formatUtc(input.expiresAt) };
    const what = t("Sms.expiryReminder", values);
    const common = { accountId: account.id, domainId: account.domainId, actor: input.actor, meta: input.meta };
    if (account.secureMobile) {
      const sent = await sendSms({
        to: account.secureMobile,
        purpose: "ACCOUNT_NOTICE",
        body: what,
        redactedBody: what,
        ...common,
        accountAddress: account.address,
      });
      result.sms = sent.ok ? "sent" : sent.error === "capped" ? "capped" : "failed";
    }
    if (account.backupEmail) {
      const paragraphs = [what, t("Email.securityNotice.footer")];
      const text = paragraphs.join("\n\n");
      const sent = await sendEmail({
        to: account.backupEmail,
        purpose: "ACCOUNT_NOTICE",
        subject: t("Email.expiryReminder.subject", values),
        text,
        html: emailHtml(locale, paragraphs),
        redactedText: text,
        ...common,
      }).catch((e: unknown) => {
        log.error({ err: e }, "expiry reminder email failed");
        return { ok: false } as const;
      });
      result.email = sent.ok ? "sent" : "failed";
    }
  } catch (e) {
    log.error({ err: e }, "expiry reminder failed");
    if (account.secureMobile) result.sms ??= "failed";
    if (account.backupEmail) result.email ??= "failed";
  }
  return result;
}
