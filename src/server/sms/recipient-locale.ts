import "server-only";
import type { Locale } from "@/lib/locale";
import { accountLocale } from "@/server/accounts/account-locale";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";

/**
 * The language of a notice to a mail account: the account's own choice (its
 * `locale`, read here when the caller did not load it), else the language of
 * the request that caused the notice.
 */
export async function recipientLocale(account: { id: string; locale?: string | null }, meta: RequestMeta): Promise<Locale> {
  const stored =
    account.locale !== undefined
      ? account.locale
      : ((await getDb().mailAccount.findUnique({ where: { id: account.id }, select: { locale: true } }))?.locale ?? null);
  return accountLocale(stored, meta.locale);
}
