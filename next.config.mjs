// Plain JavaScript, not next.config.ts: a TypeScript config makes the production server load the
// SWC compiler at every start just to read it (about 30 MiB of resident memory; docs/performance.md).
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

/** @type {import("next").NextConfig} */
const nextConfig = {
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
