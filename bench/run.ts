/**
 * npm run bench [-- <subcommand>…] [flags]; `npm run bench -- help` lists them.
 *
 * One command for every benchmark. Without a subcommand, or with the names of some, the in-process
 * benchmarks (enumeration, accounts, readiness, pages, config, bulk, argon2, breach) run against a fresh, migrated database
 * seeded with the demo data (TEST_DATABASE_URL's server, or an embedded PGlite), print the results,
 * write them to bench/results/<name>.json (git-ignored), and exit non-zero when a target is missed (the
 * enumeration timing parity, the pages' JavaScript budget — measured on the production build, built
 * first when stale). `http` runs the HTTP benchmark alone (bench/http.ts: the production server, driven
 * through real HTTP). Every figure that is a ratio to argon2 divides by measureArgon2 (argon2-bound.ts).
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { benchAccountsList, printAccountsList } from "./admin-accounts-list";
import { benchArgon2, printArgon2 } from "./argon2-throughput";
import { benchBreachCheck, printBreachCheck } from "./breach-check";
import { benchBulkReset, printBulkReset } from "./bulk-reset";
import { benchConfigMemory, printConfigMemory } from "./config-memory";
import { measurePageJs, printPageJs } from "./page-js";
import { buildIfStale } from "../scripts/lib/build-if-stale";
import { withBenchDatabase } from "./database";
import { benchRecoveryEnumeration, printEnumeration } from "./recovery-enumeration";
import { benchReadiness, printReadiness } from "./recovery-readiness";

const SUBCOMMANDS = {
  enumeration: "Forgot Password's timing parity across its cases [--iterations N]",
  accounts: "the Employee Accounts list's queries [--samples N]",
  readiness: "Recovery Readiness's figures for a domain of 100,000 accounts, p95 against 300 ms [--samples N]",
  pages: "each page's JavaScript against its budget (the production build, built when stale)",
  config: "the app's process started three ways: memory settings (the production build) [--rounds N]",
  bulk: "a bulk reset of 500 accounts, and its hashing alone [--accounts N] [--runs N]",
  argon2: "argon2id's latency and throughput through the app's queue [--samples N] [--duration-ms N]",
  breach: "the breached-password check's added p95 (range stub, cold cache; the shipped list) against 5 ms [--samples N]",
  http: "the production server through real HTTP, alone: logons, resets, pages against the argon2 bound (bench/http.ts) [--seconds N] [--smoke] [--soak MINUTES] [--cpu-prof DIR] [--steps]",
  help: "this list",
} as const;
type Subcommand = keyof typeof SUBCOMMANDS;
/** Flags followed by a value (the others stand alone). */
const VALUED = new Set([
  "--iterations",
  "--samples",
  "--rounds",
  "--accounts",
  "--runs",
  "--duration-ms",
  "--seconds",
  "--soak",
  "--cpu-prof",
]);

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const only = args.filter((a, i) => !a.startsWith("--") && !VALUED.has(args[i - 1]));
const wants = (name: Subcommand) => only.length === 0 || only.includes(name);

function help(): void {
  console.log("npm run bench [-- <subcommand>…] [flags]\n\nWithout a subcommand: every one below but http and help, in this order.\n");
  for (const [name, what] of Object.entries(SUBCOMMANDS)) console.log(`  ${name.padEnd(12)} ${what}`);
}

const unknown = only.filter((a) => !(a in SUBCOMMANDS));
if (unknown.length > 0 || (only.length > 1 && (only.includes("http") || only.includes("help")))) {
  console.error(unknown.length > 0 ? `Unknown subcommand: ${unknown.join(", ")}\n` : "http and help run alone.\n");
  help();
  process.exit(2);
}
if (only.includes("help")) {
  help();
  process.exit(0);
}
if (only.includes("http")) {
  const { benchHttp } = await import("./http");
  const smoke = args.includes("--smoke");
  const ok = await benchHttp({
    smoke,
    phaseMs: flag("--seconds", smoke ? 1 : 10) * 1000,
    soakMinutes: flag("--soak", 0),
    profDir: args.includes("--cpu-prof") ? path.resolve(args[args.indexOf("--cpu-prof") + 1]) : null,
    steps: args.includes("--steps"),
  });
  process.exit(ok ? 0 : 1);
}
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
    if (wants("readiness")) {
      const r = await benchReadiness(flag("--samples", 30));
      printReadiness(r);
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
    if (wants("breach")) {
      const r = await benchBreachCheck(Math.max(500, flag("--samples", 500)));
      printBreachCheck(r);
      await save("breach", r);
      pass &&= r.pass;
    }
  } finally {
    await disconnectDb();
    const { closeRateLimiters } = await import("../src/server/security/rate-limit");
    await closeRateLimiters();
  }
  return pass;
});
process.exit(ok ? 0 : 1);
