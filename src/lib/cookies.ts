/**
 * Cookie names. On HTTPS every Postkey cookie carries the `__Host-` prefix:
 * the browser then accepts it only with Secure, Path=/ and no Domain, so no
 * sibling subdomain and no plain-HTTP page can set or shadow it. A local
 * run over http uses the bare name (browsers refuse the prefix there).
 * Pure: proxy.ts uses it too.
 */
export function cookieName(base: string, secure: boolean): string {
  return secure ? `__Host-${base}` : base;
}

/** Whether this app is served over HTTPS: APP_URL says so, or (without one) the trusted X-Forwarded-Proto. */
export function servedOverHttps(appUrl: string | undefined, forwardedProto: string | null): boolean {
  if (appUrl) return appUrl.startsWith("https:");
  return forwardedProto?.split(",")[0]?.trim() === "https";
}
