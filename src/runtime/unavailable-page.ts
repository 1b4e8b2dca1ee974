import { readFileSync } from "node:fs";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml } from "@/lib/html";
import { LOCALE_COOKIE, resolveLocale, type Locale } from "@/lib/locale";

/**
 * The page a browser gets while the database is unreachable: 503, Retry-After,
 * in the visitor's language (the language cookie, else Accept-Language), made
 * here without the database or React. Machines asking for JSON get JSON.
 */
export const RETRY_AFTER_SEC = 60;

const root = path.resolve(import.meta.dirname, "..", "..");
const texts = Object.fromEntries(
  (["en", "zh-CN"] as const).map((locale) => {
    const m = JSON.parse(readFileSync(path.join(root, "messages", `${locale}.json`), "utf8")) as {
      Common: { appName: string; errors: { unavailable: string } };
    };
    return [locale, { appName: m.Common.appName, message: m.Common.errors.unavailable }];
  }),
) as Record<Locale, { appName: string; message: string }>;

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

export function sendUnavailable(req: IncomingMessage, res: ServerResponse): void {
  const locale = resolveLocale(cookie(req, LOCALE_COOKIE), req.headers["accept-language"]);
  const { appName, message } = texts[locale];
  const headers = { "Retry-After": String(RETRY_AFTER_SEC), "Cache-Control": "no-store" };
  if (!(req.headers.accept ?? "").includes("text/html")) {
    res.writeHead(503, { ...headers, "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ error: "unavailable", message }));
    return;
  }
  res.writeHead(503, {
    ...headers,
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(appName)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;padding:2rem;max-width:28rem;margin:1rem}h1{font-size:1.25rem;margin:0 0 .75rem}</style>
</head><body><main><h1>${escapeHtml(appName)}</h1><p role="alert">${escapeHtml(message)}</p></main></body></html>`);
}
