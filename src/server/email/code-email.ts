import "server-only";
import type { Locale } from "@/lib/locale";
import { SMS_CODE } from "@/lib/sms-code";
import { MINUTE } from "@/lib/time";
import { translatorFor } from "@/server/i18n/translator";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

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
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif">${lines(code)
    .map((l, i) =>
      i === 1
        ? `<p>${escapeHtml(l).replace(escapeHtml(code), `<strong style="font-size:1.25em">${code}</strong>`)}</p>`
        : `<p>${escapeHtml(l)}</p>`,
    )
    .join("")}</body></html>`;
  return {
    subject: t("Email.code.subject"),
    text: lines(code).join("\n\n"),
    html,
    redactedText: lines("•".repeat(code.length)).join("\n\n"),
  };
}
