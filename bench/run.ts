/**
 * npm run bench [-- enumeration|accounts|argon2|pages|bulk|config] [--iterations N] [--samples N] [--rounds N]
 *
 * Runs the benchmarks against a fresh, migrated database seeded with the demo
 * data (TEST_DATABASE_URL's server, or an embedded PGlite), prints the
 * results, writes them to bench/results/<name>.json (git-ignored), and exits
 * non-zero when a target is missed (the enumeration timing parity, the
 * pages' JavaScript budget — measured on the production build, built first
 * when stale).
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { benchAccountsList, printAccountsList } from "./admin-accounts-list";
import { benchArgon2, printArgon2 } from "./argon2-throughput";
import { benchBulkReset, printBulkReset } from "./bulk-reset";
import { benchConfigMemory, printConfigMemory } from "./config-memory";
import { measurePageJs, printPageJs } from "./page-js";
import { buildIfStale } from "../scripts/lib/build-if-stale";
import { withBenchDatabase } from "./database";
import { benchRecoveryEnumeration, printEnumeration } from "./recovery-enumeration";

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const only = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
const wants = (name: string) => only.length === 0 || only.includes(name);
const RESULTS_DIR = path.join(import.meta.dirname, "results");

async function save(name: string, result: unknown): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  await writeFile(file, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, ...(result as object) }, null, 2)}\n`);
  console.log(`(written to ${path.relative(process.cwd(), file)})`);
}

const ok = await withBenchDatabase(async (url, kind) => {
  // Configuration the app would read; set before any app module is loaded.
  Object.assign(process.env, { DATABASE_URL: url, APP_ENV: "test", CAPTCHA_TEST_MODE: "1", SMS_PROVIDER: "console" });
  process.env.LOG_LEVEL ??= "warn"; // one line per audit event would bury the results
  process.env.SESSION_SECRET ??= randomBytes(32).toString("base64url");
  process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  console.log(`Database: ${kind}`);
  const { seedDemoData } = await import("../src/server/seed/seed-demo-data");
  const { disconnectDb } = await import("../src/server/db");
  await seedDemoData();
  let pass = true;
  try {
    if (wants("enumeration")) {
      const r = await benchRecoveryEnumeration(flag("--iterations", 60));
      printEnumeration(r);
      await save(r.name, r);
      pass &&= r.pass;
    }
    if (wants("accounts")) {
      const r = await benchAccountsList(flag("--samples", 20));
      printAccountsList(r);
      await save(r.name, r);
      pass &&= r.pass;
    }
    if (wants("pages")) {
      const root = path.join(import.meta.dirname, "..");
      await buildIfStale(root, process.env);
      const r = measurePageJs(root);
      printPageJs(r);
      await save(r.name, r);
      pass &&= r.pass;
    }
    if (wants("config")) {
      await buildIfStale(path.join(import.meta.dirname, ".."), process.env);
      const r = await benchConfigMemory(url, flag("--rounds", 5));
      printConfigMemory(r);
      await save(r.name, r);
      pass &&= r.pass;
    }
    if (wants("bulk")) {
      const r = await benchBulkReset(flag("--accounts", 500), flag("--runs", 3));
      printBulkReset(r);
      await save(r.name, r);
      pass &&= r.pass;
    }
    if (wants("argon2")) {
      const r = await benchArgon2(flag("--samples", 30), flag("--duration-ms", 3000));
      printArgon2(r);
      await save(r.name, r);
    }
  } finally {
    await disconnectDb();
    const { closeRateLimiters } = await import("../src/server/security/rate-limit");
    await closeRateLimiters();
  }
  return pass;
});
process.exit(ok ? 0 : 1);
