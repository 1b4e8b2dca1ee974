/**
 * Pure helpers of proxy.ts: the CSP and the Origin rule for state-changing
 * requests. Kept apart so unit tests can check them without a server.
 */
export function buildCsp(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The answer (403) to a POST whose Origin is not ours: proxy.ts, and the HTTP server for server actions. */
export const FOREIGN_ORIGIN = "Forbidden: this request did not come from a Postkey page.";

/**
 * Server actions (and any other POST) must come from our own pages: a
 * missing, "null" or foreign Origin is refused.
 */
export function isAllowedOrigin(origin: string | null, expected: string[]): boolean {
  if (!origin || origin === "null") return false;
  return expected.includes(origin.toLowerCase());
}

export function expectedOrigins(appUrl: string | undefined, host: string | null, forwardedProto: string | null): string[] {
  const out: string[] = [];
  if (appUrl) out.push(new URL(appUrl).origin.toLowerCase());
  if (host) {
    const proto = forwardedProto?.split(",")[0]?.trim() || "http";
    out.push(`${proto}://${host}`.toLowerCase());
  }
  return out;
}
