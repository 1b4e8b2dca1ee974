import type { Locale } from "@/lib/locale";
import type en from "../../messages/en.json";

export type Messages = typeof en;

/** One language's catalog (only that one is loaded). */
export async function loadMessages(locale: Locale): Promise<Messages> {
  // No cast: zh-CN must have every key en has (MessageKey is en's), or this is a type error.
  const catalog: Messages =
    locale === "zh-CN" ? (await import("../../messages/zh-CN.json")).default : (await import("../../messages/en.json")).default;
  return catalog;
}
