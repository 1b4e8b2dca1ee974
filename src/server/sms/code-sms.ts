import "server-only";
import type { Locale } from "@/lib/locale";
import { SMS_CODE } from "@/lib/sms-code";
import { MINUTE } from "@/lib/time";
import { translatorFor } from "@/server/i18n/translator";

/**
 * The text message that carries a code, for every flow, in the recipient's
 * language; `redactedBody` is the copy kept in the outbox record (bullets
 * instead of the code).
 */
export async function codeSms(code: string, locale: Locale): Promise<{ body: string; redactedBody: string }> {
  const t = await translatorFor(locale);
  const text = (c: string) => t("Sms.code", { code: c, minutes: SMS_CODE.ttlMs / MINUTE });
  return { body: text(code), redactedBody: text("•".repeat(code.length)) };
}
