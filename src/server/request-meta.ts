import "server-only";
import { headers } from "next/headers";

export interface RequestMeta {
  ip: string;
  userAgent: string;
}

/**
 * The caller's IP is the right-most X-Forwarded-For entry: the one added by
 * the nearest proxy (Next's own server adds it), which a client cannot forge.
 */
export function metaFromHeaders(h: Pick<Headers, "get">): RequestMeta {
  const forwarded = h.get("x-forwarded-for");
  const hops = forwarded ? forwarded.split(",").map((s) => s.trim()).filter(Boolean) : [];
  const ip = hops.at(-1) ?? h.get("x-real-ip") ?? "unknown";
  const userAgent = (h.get("user-agent") ?? "").slice(0, 512);
  return { ip: ip.slice(0, 64), userAgent };
}

export async function getRequestMeta(): Promise<RequestMeta> {
  return metaFromHeaders(await headers());
}
