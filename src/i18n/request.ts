import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, resolveLocale, type Locale } from "@/lib/locale";
import { readCookie } from "@/web/cookies";
import { formats, TIME_ZONE } from "./formats";
import { loadMessages } from "./messages";

/** The language of this request, for next-intl (no locale in the URL: cookie, then Accept-Language). */
export async function requestLocale(): Promise<Locale> {
  return resolveLocale(await readCookie(LOCALE_COOKIE), (await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: await loadMessages(locale), timeZone: TIME_ZONE, formats };
});
