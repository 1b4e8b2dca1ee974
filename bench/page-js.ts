import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

/**
 * First-load JavaScript of every page of the production build, gzip, modern
 * browsers only (the `nomodule` polyfills are left out): the shared runtime
 * (build-manifest rootMainFiles, plus the chunks every page loads — Next's
 * "First Load JS shared by all": its router and boundaries) and, beyond it,
 * the page's own chunks (its layouts' and its own client components, from
 * the page's client reference manifest). Budget: 15 kB of the page's own per
 * page (a speed target of the README's npm run bench).
 */
export const PAGE_OWN_BUDGET_KB = 15;

export interface PageJs {
  route: string;
  sharedKb: number;
  ownKb: number;
  totalKb: number;
  pass: boolean;
}

export interface PageJsResult {
  name: "page-js";
  budgetKb: number;
  sharedKb: number;
  pages: PageJs[];
  pass: boolean;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

function manifests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return manifests(p);
    return name === "page_client-reference-manifest.js" ? [p] : [];
  });
}

/** The route of a manifest, as a person types it ("/(mail)/login/page" → "/login"). */
function routeOf(key: string): string {
  const r = key
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .join("/");
  return `/${r}`;
}

export function measurePageJs(root: string): PageJsResult {
  const next = path.join(root, ".next");
  const buildManifest = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
    polyfillFiles: string[];
  };
  const sizes = new Map<string, number>();
  const gz = (file: string) => {
    if (!sizes.has(file)) sizes.set(file, gzipSync(readFileSync(path.join(next, file)), { level: 9 }).length);
    return sizes.get(file)!;
  };
  const polyfills = new Set(buildManifest.polyfillFiles);

  // Every page's chunks, from its client reference manifest.
  const entries: Array<{ route: string; files: Set<string> }> = [];
  for (const file of manifests(path.join(next, "server", "app"))) {
    const sandbox: { self: Record<string, unknown>; globalThis?: unknown } = { self: {} };
    sandbox.globalThis = sandbox.self;
    vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
    const all = (sandbox.self.__RSC_MANIFEST ?? {}) as Record<string, { entryJSFiles?: Record<string, string[]> }>;
    for (const [key, m] of Object.entries(all)) {
      if (key.startsWith("/_")) continue; // Next's own not-found and global-error
      const files = Object.values(m.entryJSFiles ?? {})
        .flat()
        .filter((f) => f.endsWith(".js") && !polyfills.has(f));
      entries.push({ route: routeOf(key), files: new Set(files) });
    }
  }
  const everywhere = entries.length ? [...entries[0].files].filter((f) => entries.every((e) => e.files.has(f))) : [];
  const shared = new Set([...buildManifest.rootMainFiles, ...everywhere]);
  const sharedBytes = [...shared].reduce((n, f) => n + gz(f), 0);

  const pages: PageJs[] = [];
  {
    for (const { route, files } of entries) {
      const own = [...files].filter((f) => !shared.has(f));
      const ownBytes = own.reduce((n, f) => n + gz(f), 0);
      pages.push({
        route,
        sharedKb: kb(sharedBytes),
        ownKb: kb(ownBytes),
        totalKb: kb(sharedBytes + ownBytes),
        pass: ownBytes <= PAGE_OWN_BUDGET_KB * 1024,
      });
    }
  }
  pages.sort((a, b) => a.route.localeCompare(b.route));
  return { name: "page-js", budgetKb: PAGE_OWN_BUDGET_KB, sharedKb: kb(sharedBytes), pages, pass: pages.every((p) => p.pass) };
}

export function printPageJs(r: PageJsResult): void {
  console.log(
    `\nFirst-load JavaScript per page (gzip; shared runtime ${r.sharedKb} kB on every page; budget ${r.budgetKb} kB of the page's own)`,
  );
  const width = Math.max(...r.pages.map((p) => p.route.length), 5);
  console.log(`${"route".padEnd(width)}  ${"own kB".padStart(7)}  ${"total kB".padStart(8)}  result`);
  for (const p of r.pages) {
    console.log(
      `${p.route.padEnd(width)}  ${p.ownKb.toFixed(1).padStart(7)}  ${p.totalKb.toFixed(1).padStart(8)}  ${p.pass ? "ok" : "OVER BUDGET"}`,
    );
  }
}
