"use server";
import { isLocale } from "@/lib/locale";
import { saveAccountLocale } from "@/server/accounts/account-locale";
import { getMailUser, getOperator } from "@/web/guards";
import { rememberLocale } from "@/web/i18n";

/**
 * The language switcher (a plain form: works without JavaScript). Remembered
 * in a cookie; a signed-in account also keeps it as its stored choice. The
 * page the switch was made on is answered again, in the new language.
 */
export async function switchLocale(formData: FormData): Promise<void> {
  // Anything but a form naming one of our languages changes nothing (a crafted request, say).
  const locale = formData instanceof FormData ? formData.get("locale") : null;
  if (!isLocale(locale)) return;
  await rememberLocale(locale);
  const [mail, operator] = await Promise.all([getMailUser(), getOperator()]);
  if (mail) await saveAccountLocale({ kind: "mail", accountId: mail.id, locale });
  if (operator) await saveAccountLocale({ kind: "cloud", accountId: operator.id, locale });
}
