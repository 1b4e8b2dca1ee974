import { NextResponse, type NextRequest } from "next/server";
import { sealData, unsealData } from "iron-session";
import { getEnv } from "@/env";
import { cookieName, servedOverHttps } from "@/lib/cookies";
import { buildCsp, expectedOrigins, FOREIGN_ORIGIN, isAllowedOrigin } from "@/proxy-helpers";
import { passwordMap } from "@/server/auth/session-options";
import { checkSessionTime, SESSION_POLICY, TOUCH_INTERVAL_MS, type SessionData, type SessionKind } from "@/server/auth/session-policy";

/**
 * Runs before every page and action: the per-request CSP nonce, the Origin
 * rule for POSTs, no-store caching, and the sliding idle timer of sessions.
 * It only refuses or decorates; who may do what is checked in the actions.
 */
export async function proxy(request: NextRequest) {
  const env = getEnv();
  const forwardedProto = request.headers.get("x-forwarded-proto");
  const https = servedOverHttps(env.APP_URL, forwardedProto);

  if (request.method !== "GET" && request.method !== "HEAD") {
    const allowed = expectedOrigins(env.APP_URL, request.headers.get("host"), forwardedProto);
    if (!isAllowedOrigin(request.headers.get("origin"), allowed)) {
      return new NextResponse(FOREIGN_ORIGIN, {
        status: 403,
        headers: { "Content-Type": "text/plain" },
      });
    }
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = buildCsp(nonce, { dev: env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Cache-Control", "no-store");
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");

  if (request.method === "GET") {
    await touchSession(request, response, request.nextUrl.pathname.startsWith("/console") ? "console" : "mail", https);
  }
  return response;
}

/** Slides lastSeenAt forward (at most once a minute) while the session is within its idle limit and its maximum age. */
async function touchSession(request: NextRequest, response: NextResponse, kind: SessionKind, secure: boolean) {
  const policy = SESSION_POLICY[kind];
  const name = cookieName(policy.cookieName, secure);
  const sealed = request.cookies.get(name)?.value;
  if (!sealed) return;
  const password = passwordMap();
  const data = await unsealData<SessionData>(sealed, { password, ttl: policy.maxAgeMs / 1000 }).catch(() => ({}) as SessionData);
  const t = Date.now();
  const live = checkSessionTime(kind, data, t);
  if (!live.ok || t - live.data.lastSeenAt < TOUCH_INTERVAL_MS) return;
  const value = await sealData({ ...live.data, lastSeenAt: t }, { password, ttl: policy.maxAgeMs / 1000 });
  const remaining = Math.max(1, Math.floor((live.data.loggedInAt + policy.maxAgeMs - t) / 1000));
  response.cookies.set(name, value, { httpOnly: true, sameSite: policy.sameSite, secure, path: "/", maxAge: remaining });
}

// Skipped: build files under /_next/static/ and /_next/image, and exactly /favicon.ico, /healthz and
// /readyz. Each exclusion is anchored: "/healthzfoo" or "/_next/staticfoo" is an ordinary path that
// meets the Origin rule (tests/unit/proxy-helpers.test.ts compiles this with Next's own function).
export const config = {
  matcher: [{ source: "/((?!_next/static/|_next/image$|favicon\\.ico$|healthz$|readyz$).*)" }],
};
