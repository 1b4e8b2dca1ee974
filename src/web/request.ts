import "server-only";
import { headers } from "next/headers";
import { requestLocale } from "@/i18n/request";
import { metaFromHeaders, type RequestMeta } from "@/server/request-meta";

/** The current request's meta (client IP, user agent, language), for the domain functions. */
export async function getRequestMeta(): Promise<RequestMeta> {
  return { ...metaFromHeaders(await headers()), locale: await requestLocale() };
}
