import { normalizeIp, UNKNOWN_IP } from "@/lib/client-ip";
import type { Locale } from "@/lib/locale";

/** Who sent a request, as the domain functions record it (audit log, per-IP limits). */
export interface RequestMeta {
  ip: string;
  userAgent: string;
  /** The language the request is answered in (texts the domain sends, e.g. an SMS to the person at hand). */
  locale?: Locale;
  /** The request's id (X-Request-Id, set by Postkey's HTTP server), for the log lines of its domain events. */
  requestId?: string;
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * From a request's headers. The client IP is the one X-Forwarded-For value
 * that Postkey's HTTP server (src/runtime/http-server.ts) set from the socket
 * and TRUST_PROXY after dropping whatever the client sent;
 * src/instrumentation-node.ts refuses to run under any other server.
 * Anything but exactly one address there is treated as unknown, never guessed from.
 */
export function metaFromHeaders(h: Pick<Headers, "get">): RequestMeta {
  const forwarded = h.get("x-forwarded-for");
  const ip = forwarded && !forwarded.includes(",") ? (normalizeIp(forwarded) ?? UNKNOWN_IP) : UNKNOWN_IP;
  const userAgent = (h.get("user-agent") ?? "").slice(0, 512);
  const requestId = h.get("x-request-id") ?? undefined;
  return { ip, userAgent, ...(requestId && REQUEST_ID.test(requestId) ? { requestId } : {}) };
}
