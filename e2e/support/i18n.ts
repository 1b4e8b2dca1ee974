import { createTranslator } from "use-intl/core";
import en from "../../messages/en.json" with { type: "json" };
import zh from "../../messages/zh-CN.json" with { type: "json" };

type Values = Record<string, string | number>;
const translators = {
  en: createTranslator({ locale: "en", messages: en, timeZone: "UTC" }),
  "zh-CN": createTranslator({ locale: "zh-CN", messages: zh as typeof en, timeZone: "UTC" }),
};

/** A catalog message as the page shows it, in one language (rich-text tags removed). */
export function text(locale: "en" | "zh-CN", key: string, values?: Values): string {
  const t = translators[locale] as unknown as { markup(k: string, v?: Values): string };
  return t.markup(key, { ...values }).replace(/<[^>]+>/g, "");
}

export const zhText = (key: string, values?: Values) => text("zh-CN", key, values);
export const enText = (key: string, values?: Values) => text("en", key, values);
