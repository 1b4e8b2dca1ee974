import { describe, expect, it } from "vitest";
import * as staticInfo from "next/dist/build/analysis/get-page-static-info";
import { config } from "@/proxy";
import { buildCsp, expectedOrigins, isAllowedOrigin } from "@/proxy-helpers";

describe("CSP", () => {
  const csp = buildCsp("abc123", { dev: false, https: false });
  it.each([
    "script-src 'self' 'nonce-abc123' 'strict-dynamic'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ])("has %s", (directive) => expect(csp).toContain(directive));
  it("allows eval only in development and upgrades requests only on HTTPS", () => {
    expect(csp).not.toContain("unsafe-eval");
    expect(buildCsp("n", { dev: true, https: false })).toContain("'unsafe-eval'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(buildCsp("n", { dev: false, https: true })).toContain("upgrade-insecure-requests");
  });
});

describe("Origin rule for POSTs", () => {
  const allowed = expectedOrigins(undefined, "localhost:3000", null);
  it.each([
    ["http://localhost:3000", true],
    ["HTTP://LOCALHOST:3000", true],
    [null, false],
    ["null", false],
    ["http://evil.example", false],
    ["http://localhost:3001", false],
    ["https://localhost:3000", false],
  ])("origin %s → %s", (origin, ok) => expect(isAllowedOrigin(origin, allowed)).toBe(ok));

  it("trusts APP_URL's origin and the proxy's X-Forwarded-Proto", () => {
    expect(expectedOrigins("https://mail.example.com/app", "10.0.0.5:3000", "https")).toEqual([
      "https://mail.example.com",
      "https://10.0.0.5:3000",
    ]);
  });
});

describe("which paths the proxy runs on (its matcher, compiled by Next's own function)", () => {
  // What `next build` turns the matcher into (exported by Next's module, though not in its types).
  const { getMiddlewareMatchers } = staticInfo as unknown as {
    getMiddlewareMatchers: (matcher: unknown, nextConfig: object) => Array<{ regexp: string }>;
  };
  const matchers = getMiddlewareMatchers(config.matcher, {});
  const runsOn = (path: string) => matchers.some((m) => new RegExp(m.regexp).test(path));

  it.each(["/healthz", "/readyz", "/favicon.ico", "/_next/static/chunks/app.js", "/_next/image"])(
    "skips exactly %s (probes and build files)",
    (path) => expect(runsOn(path)).toBe(false),
  );

  // A path that only starts like an exclusion is an ordinary page: a foreign POST there must meet the Origin rule.
  it.each(["/healthzfoo", "/readyz-x", "/favicon.icox", "/healthz/x", "/_next/staticfoo", "/_next/images", "/login", "/"])(
    "runs on %s",
    (path) => expect(runsOn(path)).toBe(true),
  );
});
