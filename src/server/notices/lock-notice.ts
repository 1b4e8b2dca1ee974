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
import { issueOwnerLink } from "./owner-link";
import { findNoticeAccount } from "./security-notice";

export interface LockNoticeInput {
  accountId: string;
  /** When the lock ends, and which lock of the account it is (the unlock link opens that one only). */
  until: Date;
  lockNumber: number;
  at: Date;
  meta: RequestMeta;
  actor: Actor;
}

/**
 * The account was locked after failed logons (SECURITY.md "Logon"): its
 * owner hears on its channels, with a one-use link that unlocks it without
 * a reset (whoever holds a bound channel proves to be the owner) and the
 * "This wasn't me" link. The logon page says nothing different; this notice
 * is sent after the response, so its time is not in the answer either.
 * Best effort; never throws.
 */
export async function sendLockNotice(input: LockNoticeInput): Promise<void> {
  const log = componentLogger("notices");
  try {
    const account = await findNoticeAccount(input.accountId);
    if (!account || (!account.secureMobile && !account.backupEmail)) return;
    const locale = accountLocale(account.locale, input.meta.locale);
    const t = await translatorFor(locale);
    const [unlock, notMe] = await Promise.all([
      issueOwnerLink("UNLOCK", account.id, `locked:${input.lockNumber}`, input.at),
      issueOwnerLink("NOT_ME", account.id, "locked", input.at),
    ]);
    const what = t("Sms.lockNotice.locked", { address: account.address, until: formatUtc(input.until) });
    const text = (links: { unlock: string; notMe: string }) => [
      what,
      t("Sms.lockNotice.unlock", { link: links.unlock }),
      t("Sms.notMe", { link: links.notMe }),
    ];
    const sent = text({ unlock, notMe });
    // Stored without the links outside local runs: each is one-use, but whoever read them could act on the account.
    const stored = text({ unlock: "[link]", notMe: "[link]" });
    const common = { accountId: account.id, domainId: account.domainId, actor: input.actor, meta: input.meta };
    if (account.secureMobile) {
      await sendSms({
        to: account.secureMobile,
        purpose: "SECURITY_NOTICE",
        body: sent.join(" "),
        redactedBody: stored.join(" "),
        ...common,
      });
    }
    if (account.backupEmail) {
      const footer = t("Email.securityNotice.footer");
      await sendEmail({
        to: account.backupEmail,
        purpose: "SECURITY_NOTICE",
        subject: t("Email.lockNotice.subject", { address: account.address }),
        text: [...sent, footer].join("\n\n"),
        html: emailHtml(locale, [...sent, footer]),
        redactedText: [...stored, footer].join("\n\n"),
        ...common,
      });
    }
  } catch (e) {
    log.error({ err: e }, "lock notice failed");
  }
}
