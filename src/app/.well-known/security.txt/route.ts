import { getEnv } from "@/env";

export const dynamic = "force-dynamic";

/**
 * /.well-known/security.txt (RFC 9116): where to report a vulnerability.
 * SECURITY_CONTACT names it; without one, security@ the host of APP_URL.
 * Expires a year ahead, as the RFC asks, computed when served.
 */
export function GET() {
  const env = getEnv();
  const host = env.APP_URL ? new URL(env.APP_URL).hostname : "localhost";
  const contact = env.SECURITY_CONTACT ?? `mailto:security@${host}`;
  const expires = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000).toISOString();
  const lines = [`Contact: ${contact}`, `Expires: ${expires}`, "Preferred-Languages: en, zh"];
  if (env.APP_URL) lines.push(`Canonical: ${new URL("/.well-known/security.txt", env.APP_URL).toString()}`);
  return new Response(`${lines.join("\n")}\n`, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
