import "server-only";
import { getTranslations } from "next-intl/server";
import type { createTranslator } from "next-intl";
import type { Messages } from "@/i18n/messages";
import { writeCookie } from "@/web/cookies";
import type { FieldErrors } from "@/lib/form-state";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SEC, type Locale } from "@/lib/locale";
import type { FieldErrorRefs } from "@/lib/message-ref";

/** The request's translator over the whole catalog (keys checked by TypeScript: "Recovery.unavailable"). */
export type Translator = ReturnType<typeof createTranslator<Messages, never>>;

/** The translator of the current request's language (src/i18n/request.ts decides it). */
export async function getTranslator(): Promise<Translator> {
  return getTranslations();
}

/** A key from outside the type system (a zod issue's message): translated when it names a message, else as it is. */
export function translateLoose(t: Translator, message: string, values?: Record<string, string | number>): string {
  const tt = t as unknown as { has(k: string): boolean; (k: string, v?: Record<string, string | number>): string };
  return tt.has(message) ? tt(message, values) : message;
}

/** Field errors given as catalog references (the domain core's), in the reader's language. */
export function translateFieldErrors(t: Translator, refs: FieldErrorRefs): FieldErrors {
  return Object.fromEntries(Object.entries(refs).map(([field, list]) => [field, list?.map((r) => translateLoose(t, r.key, r.values))]));
}

/** Remembers the language for this browser (the cookie src/i18n/request.ts reads first). */
export async function rememberLocale(locale: Locale): Promise<void> {
  await writeCookie(LOCALE_COOKIE, locale, { sameSite: "lax", maxAgeSec: LOCALE_COOKIE_MAX_AGE_SEC });
}
