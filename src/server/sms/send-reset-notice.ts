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
import { issueNotMeLink } from "@/server/notices/owner-link";

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
  if (!account.secureMobile && !account.backupEmail) return;
  const locale = accountLocale(account.locale, input.meta.locale);
  let t: Awaited<ReturnType<typeof translatorFor>>;
  try {
    t = await translatorFor(locale);
  } catch (e) {
    componentLogger("sms").error({ err: e }, "reset notice failed");
    return;
  }
  // The same words by SMS and by email: nothing secret in them but the one-use "This wasn't me" link,
  // which is not stored outside local runs.
  const what = t(`Sms.resetNotice.${input.by}`, { address: account.address, at: formatUtc(input.at) });
  let notMe = "";
  try {
    notMe = t("Sms.notMe", { link: await issueNotMeLink(account.id, `password_reset_${input.by}`, input.at) });
  } catch (e) {
    componentLogger("notices").error({ err: e }, "could not make the reset notice's link");
  }
  const notice = notMe ? `${what} ${notMe}` : what;
  const stored = notMe ? `${what} ${t("Sms.notMe", { link: "[link]" })}` : what;
  const common = { accountId: account.id, domainId: account.domainId, actor: input.actor, meta: input.meta };
  if (account.secureMobile) {
    try {
      // The address the caller read names the audit event's target: sendSms does not read the account again.
      await sendSms({
        to: account.secureMobile,
        purpose: "RESET_NOTICE",
        body: notice,
        redactedBody: stored,
        ...common,
        accountAddress: account.address,
      });
    } catch (e) {
      componentLogger("sms").error({ err: e }, "reset notice failed");
    }
  }
  // The backup email address hears it too (ADR 0008): a reset the owner did not ask for is noticed there as well.
  if (account.backupEmail) {
    try {
      const footer = t("Email.resetNotice.footer");
      const paragraphs = [what, ...(notMe ? [notMe] : []), footer];
      await sendEmail({
        to: account.backupEmail,
        purpose: "RESET_NOTICE",
        subject: t("Email.resetNotice.subject", { address: account.address }),
        text: paragraphs.join("\n\n"),
        html: emailHtml(locale, paragraphs),
        redactedText: [stored, footer].join("\n\n"),
        ...common,
      });
    } catch (e) {
      componentLogger("email").error({ err: e }, "reset notice email failed");
    }
  }
}
