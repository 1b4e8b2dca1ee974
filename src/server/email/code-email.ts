import "server-only";
import type { Locale } from "@/lib/locale";
import { SMS_CODE } from "@/lib/sms-code";
import { MINUTE } from "@/lib/time";
import { translatorFor } from "@/server/i18n/translator";
import { emailHtml } from "./email-html";

/**
 * The email that carries a code, in the recipient's language: a subject,
 * plain text and the same as HTML; no link (the code is typed into the page
 * that asked for it). `redactedText` is the copy kept in the record.
 */
export async function codeEmail(
  code: string,
  locale: Locale,
): Promise<{ subject: string; text: string; html: string; redactedText: string }> {
  const t = await translatorFor(locale);
  const minutes = SMS_CODE.ttlMs / MINUTE;
  const lines = (c: string) => [t("Email.code.greeting"), t("Email.code.body", { code: c, minutes }), t("Email.code.ignore")];
  const html = emailHtml(locale, lines(code), code);
  return {
    subject: t("Email.code.subject"),
    text: lines(code).join("\n\n"),
    html,
    redactedText: lines("•".repeat(code.length)).join("\n\n"),
  };
}
