import "server-only";
import { isLocale, type Locale } from "@/lib/locale";
import type { CredentialKind } from "@/server/auth/credential-store";
import { getDb } from "@/server/db";

/** Stores the language an account chose (the switcher, or its first logon). */
export async function saveAccountLocale(input: { kind: CredentialKind; accountId: string; locale: Locale }): Promise<void> {
  const { kind, accountId, locale } = input;
  const db = getDb();
  if (kind === "mail") await db.mailAccount.update({ where: { id: accountId }, data: { locale } });
  else await db.cloudAccount.update({ where: { id: accountId }, data: { locale } });
}

/**
 * The language after a successful logon: the account's stored choice wins
 * (it follows the person to a new browser); an account without one keeps
 * the language it logged on in, which becomes its stored choice.
 */
export async function adoptAccountLocale(input: {
  kind: CredentialKind;
  accountId: string;
  stored: string | null;
  current: Locale;
}): Promise<Locale> {
  const { kind, accountId, stored, current } = input;
  if (isLocale(stored)) return stored;
  await saveAccountLocale({ kind, accountId, locale: current });
  return current;
}

/** The language of texts sent to an account (SMS): its stored choice, else the language of the request at hand. */
export function accountLocale(stored: string | null | undefined, fallback: Locale | undefined): Locale {
  return isLocale(stored) ? stored : (fallback ?? "en");
}
