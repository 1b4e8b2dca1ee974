import { createTranslator } from "use-intl/core";
import en from "../../messages/en.json" with { type: "json" };
import zh from "../../messages/zh-CN.json" with { type: "json" };
import type { MessageRef } from "@/lib/message-ref";
import type { Translator } from "@/web/i18n";

/** The catalogs' translators, as the app builds them (tests mock getTranslator with these). */
export const tEn = createTranslator({ locale: "en", messages: en, timeZone: "UTC" }) as unknown as Translator;
export const tZh = createTranslator({ locale: "zh-CN", messages: zh as typeof en, timeZone: "UTC" }) as unknown as Translator;

/** A catalog message in English, by key (for asserting what a form says). */
export function enText(key: string, values?: Record<string, string | number>): string {
  return (tEn as unknown as (k: string, v?: Record<string, string | number>) => string)(key, values);
}

/** A domain result's message reference, as English text. */
export const refText = (ref: MessageRef): string => enText(ref.key, ref.values);

/** A catalog message in Simplified Chinese, by key. */
export function zhText(key: string, values?: Record<string, string | number>): string {
  return (tZh as unknown as (k: string, v?: Record<string, string | number>) => string)(key, values);
}
