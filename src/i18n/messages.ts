import type { Locale } from "@/lib/locale";
import type en from "../../messages/en.json";

export type Messages = typeof en;

/** One language's catalog (only that one is loaded). */
export async function loadMessages(locale: Locale): Promise<Messages> {
  return locale === "zh-CN"
    ? ((await import("../../messages/zh-CN.json")).default as Messages)
    : (await import("../../messages/en.json")).default;
}
