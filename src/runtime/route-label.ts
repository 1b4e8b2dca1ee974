import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The route pattern of a request path ("/admin/accounts/[id]"), for metric
 * labels and log lines: a bounded set, never a raw path with ids or
 * addresses in it. Taken from the production build's routes manifest; on a
 * dev server (no manifest) id-like segments are folded to "[id]".
 */
interface RoutesManifest {
  staticRoutes?: Array<{ page: string }>;
  dynamicRoutes?: Array<{ page: string; regex: string }>;
}

export function createRouteLabeler(nextDir: string | null): (pathname: string) => string {
  const file = nextDir ? path.join(nextDir, "routes-manifest.json") : null;
  if (!file || !existsSync(file)) return devLabel;
  const manifest = JSON.parse(readFileSync(file, "utf8")) as RoutesManifest;
  const statics = new Set((manifest.staticRoutes ?? []).map((r) => r.page));
  const dynamics = (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, regex: new RegExp(r.regex) }));
  const publicFiles = new Set(["/favicon.ico", "/robots.txt", "/.well-known/security.txt"]);
  return (pathname) => {
    if (pathname.startsWith("/_next/")) return pathname.startsWith("/_next/static/") ? "/_next/static" : "/_next";
    const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
    if (statics.has(trimmed) || publicFiles.has(trimmed) || trimmed === "/metrics") return trimmed;
    return dynamics.find((d) => d.regex.test(trimmed))?.page ?? "(unmatched)";
  };
}

function devLabel(pathname: string): string {
  if (pathname.startsWith("/_next/")) return "/_next";
  return pathname
    .split("/")
    .map((s) => (s.length >= 16 || /\d{3,}/.test(s) ? "[id]" : s))
    .join("/")
    .slice(0, 80);
}
