import "server-only";
import { maskEmail } from "@/lib/email";
import { formatUtc } from "@/lib/format";
import { maskPhone } from "@/lib/phone";
import type { Actor } from "@/server/audit/record-audit-event";
import { accountLocale } from "@/server/accounts/account-locale";
import { emailHtml } from "@/server/email/email-html";
import { sendEmail } from "@/server/email/send-email";
import { translatorFor } from "@/server/i18n/translator";
import { getDb } from "@/server/db";
import { componentLogger } from "@/server/observability/logger";
import type { RequestMeta } from "@/server/request-meta";
import { sendSms } from "@/server/sms/send-sms";
import { issueNotMeLink } from "./owner-link";

/**
 * Every change of a recovery method or second factor is told to the
 * owner's other channels (SECURITY.md "Second step and recovery strength"):
 * the secure mobile by SMS and the backup address by email, and the channel
 * the change took away (the old number, the old address) too, but never the
 * one just added (it proved itself with a code; whoever added it holds it).
 * Each message names the account, what changed and when, never a secret,
 * and carries one "This wasn't me" link. In the owner's language; best
 * effort, after the commit; never throws.
 */
export type SecurityEvent =
  | "mobile_bound"
  | "mobile_changed"
  | "mobile_removed"
  | "backup_email_bound"
  | "backup_email_changed"
  | "backup_email_removed"
  | "totp_enabled"
  | "totp_disabled"
  | "recovery_codes_regenerated"
  | "questions_set";

/** The account after the change, as the notice needs it: its verified secure mobile and backup address, or null. */
export interface NoticeAccount {
  id: string;
  address: string;
  domainId: string;
  locale: string | null;
  secureMobile: string | null;
  backupEmail: string | null;
}

export interface SecurityNoticeInput {
  accountId: string;
  event: SecurityEvent;
  /** The channel the change replaced or removed: it hears of it too. */
  previous?: { mobile?: string | null; email?: string | null };
  at: Date;
  meta: RequestMeta;
  actor: Actor;
}

const MOBILE_EVENTS: readonly SecurityEvent[] = ["mobile_bound", "mobile_changed", "mobile_removed"];
const EMAIL_EVENTS: readonly SecurityEvent[] = ["backup_email_bound", "backup_email_changed", "backup_email_removed"];

/** Where the notice goes: the owner's channels the change did not add, and the ones it took away. */
export function securityNoticeChannels(account: NoticeAccount, input: Pick<SecurityNoticeInput, "event" | "previous">) {
  const { event, previous } = input;
  const mobiles = MOBILE_EVENTS.includes(event) ? [previous?.mobile] : [account.secureMobile];
  const emails = EMAIL_EVENTS.includes(event) ? [previous?.email] : [account.backupEmail];
  const unique = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => Boolean(x)))];
  return { mobiles: unique(mobiles), emails: unique(emails) };
}

/** The account's notice channels as they are now (read after the change's commit). */
export async function findNoticeAccount(accountId: string): Promise<NoticeAccount | null> {
  const a = await getDb().mailAccount.findUnique({
    where: { id: accountId },
    select: {
      id: true,
      address: true,
      domainId: true,
      locale: true,
      secureMobile: true,
      secureMobileVerifiedAt: true,
      backupEmail: true,
      backupEmailVerifiedAt: true,
    },
  });
  if (!a) return null;
  return {
    id: a.id,
    address: a.address,
    domainId: a.domainId,
    locale: a.locale,
    secureMobile: a.secureMobileVerifiedAt ? a.secureMobile : null,
    backupEmail: a.backupEmailVerifiedAt ? a.backupEmail : null,
  };
}

export async function sendSecurityNotice(input: SecurityNoticeInput): Promise<void> {
  const log = componentLogger("notices");
  try {
    const account = await findNoticeAccount(input.accountId);
    if (!account) return;
    const { mobiles, emails } = securityNoticeChannels(account, input);
    if (!mobiles.length && !emails.length) return;
    const locale = accountLocale(account.locale, input.meta.locale);
    const t = await translatorFor(locale);
    const link = await issueNotMeLink(account.id, input.event, input.at);
    const what = t(`Sms.securityNotice.${input.event}`, {
      address: account.address,
      at: formatUtc(input.at),
      phone: account.secureMobile ? maskPhone(account.secureMobile) : "",
      email: account.backupEmail ? maskEmail(account.backupEmail) : "",
    });
    const notMe = t("Sms.notMe", { link });
    // Stored without the link outside local runs: it is one-use, but whoever reads it could end the owner's sessions.
    const stored = `${what} ${t("Sms.notMe", { link: "[link]" })}`;
    const common = { accountId: account.id, domainId: account.domainId, actor: input.actor, meta: input.meta };
    for (const to of mobiles) {
      // The old number's notice keeps its own purpose: it is what tells a number it is no longer the secure mobile.
      const purpose = MOBILE_EVENTS.includes(input.event) ? "MOBILE_NOTICE" : "SECURITY_NOTICE";
      await sendSms({ to, purpose, body: `${what} ${notMe}`, redactedBody: stored, ...common }).catch((e: unknown) =>
        log.error({ err: e, event: input.event }, "security notice SMS failed"),
      );
    }
    for (const to of emails) {
      const paragraphs = [what, notMe, t("Email.securityNotice.footer")];
      await sendEmail({
        to,
        purpose: "SECURITY_NOTICE",
        subject: t("Email.securityNotice.subject", { address: account.address }),
        text: paragraphs.join("\n\n"),
        html: emailHtml(locale, paragraphs),
        redactedText: [what, t("Sms.notMe", { link: "[link]" }), t("Email.securityNotice.footer")].join("\n\n"),
        ...common,
      }).catch((e: unknown) => log.error({ err: e, event: input.event }, "security notice email failed"));
    }
  } catch (e) {
    log.error({ err: e, event: input.event }, "security notice failed");
  }
}
