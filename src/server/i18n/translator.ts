import "server-only";
import { createTranslator } from "use-intl/core";
import { formats, TIME_ZONE } from "@/i18n/formats";
import { loadMessages } from "@/i18n/messages";
import type { Locale } from "@/lib/locale";

/**
 * A translator for one language outside any request's own: the texts the
 * domain sends (SMS) are in the recipient account's language.
 */
export async function translatorFor(locale: Locale) {
  return createTranslator({ locale, messages: await loadMessages(locale), timeZone: TIME_ZONE, formats });
}
