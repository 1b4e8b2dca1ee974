// Read by Node's own type stripping (Node ≥ 22.18), never by SWC: `next build` gets
// --experimental-next-config-strip-types (scripts/lib/build-if-stale.ts, package.json), and the app's
// own server sets what that flag sets (src/runtime/app-server.ts). Through SWC, the production server
// would load the compiler at every start just to read this file (docs/performance.md).
// Only erasable TypeScript here (types, no enums or namespaces): Node strips, it does not compile.
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

/** next-intl without i18n routing: the language comes from a cookie or Accept-Language (src/i18n/request.ts). */
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./src/i18n/request.ts",
  // Messages are compiled at build time: no ICU parser in the browser, and each page gets only its namespaces.
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // HTTP_COMPRESSION=off when a proxy in front compresses (src/env.ts validates the value; .env.example).
  compress: process.env.HTTP_COMPRESSION !== "off",
  // svg-captcha reads its font file at run time; resvg and argon2 are native modules.
  // ioredis and rate-limiter-flexible: one copy per process. The limit store and its limiters are
  // shared through globalThis, and a copy bundled into each chunk fails their instanceof checks.
  serverExternalPackages: [
    "svg-captcha",
    "@resvg/resvg-js",
    "argon2",
    "pg",
    "@electric-sql/pglite",
    "ioredis",
    "rate-limiter-flexible",
    "prom-client",
  ],
  experimental: { serverActions: { bodySizeLimit: "64kb" } },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
