import "server-only";
import { cookies, headers } from "next/headers";
import { getEnv } from "@/env";
import { cookieName, servedOverHttps } from "@/lib/cookies";

/**
 * Postkey's cookies for this request (actions, route handlers, pages): the
 * prefixed name and Secure on HTTPS (src/lib/cookies.ts), Path=/ always
 * (the __Host- prefix requires it), HttpOnly always.
 */
export async function isHttpsRequest(): Promise<boolean> {
  return servedOverHttps(getEnv().APP_URL, (await headers()).get("x-forwarded-proto"));
}

export async function readCookie(base: string): Promise<string | undefined> {
  return (await cookies()).get(cookieName(base, await isHttpsRequest()))?.value;
}

export async function writeCookie(base: string, value: string, opts: { sameSite: "lax" | "strict"; maxAgeSec: number }): Promise<void> {
  const secure = await isHttpsRequest();
  (await cookies()).set(cookieName(base, secure), value, {
    httpOnly: true,
    secure,
    path: "/",
    sameSite: opts.sameSite,
    maxAge: opts.maxAgeSec,
  });
}

export async function deleteCookie(base: string): Promise<void> {
  const secure = await isHttpsRequest();
  (await cookies()).set(cookieName(base, secure), "", { httpOnly: true, secure, path: "/", maxAge: 0 });
}
