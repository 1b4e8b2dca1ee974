import "server-only";
import { formatUtc } from "@/lib/format";
import type { Actor } from "@/server/audit/record-audit-event";
import { accountLocale } from "@/server/accounts/account-locale";
import { emailHtml } from "@/server/email/email-html";
import { sendEmail } from "@/server/email/send-email";
import { translatorFor } from "@/server/i18n/translator";
import { componentLogger } from "@/server/observability/logger";
import type { RequestMeta } from "@/server/request-meta";

export interface OperatorAlertInput {
  /** The cloud operator that owns the domain: its logon email is where it hears. */
  operator: { email: string; locale: string | null };
  /** The postmaster whose owner reported a change it did not make. */
  address: string;
  domainId: string;
  at: Date;
  meta: RequestMeta;
  actor: Actor;
}

/**
 * A postmaster's owner said "This wasn't me": the cloud operator who owns
 * the domain is told by email (it is the one who resets a postmaster's
 * password). Best effort, after the commit; never throws.
 */
export async function sendOperatorAlert(input: OperatorAlertInput): Promise<void> {
  try {
    const locale = accountLocale(input.operator.locale, input.meta.locale);
    const t = await translatorFor(locale);
    const values = { address: input.address, at: formatUtc(input.at) };
    const text = t("Email.operatorAlert.body", values);
    await sendEmail({
      to: input.operator.email,
      purpose: "ACCOUNT_NOTICE",
      subject: t("Email.operatorAlert.subject", values),
      text,
      html: emailHtml(locale, [text]),
      redactedText: text,
      domainId: input.domainId,
      actor: input.actor,
      meta: input.meta,
    });
  } catch (e) {
    componentLogger("notices").error({ err: e }, "operator alert failed");
  }
}
