import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import config from "../playwright.config";
import { E2E_LOG_DIR, E2E_MAIL_RECORD_DIR, E2E_SECRETS_DIR, E2E_SMS_RECORD_DIR } from "../e2e/support/e2e-env";
import { buildIfStale } from "./lib/build-if-stale";
import { runLogSecretsCheck } from "./lib/log-secrets";

/**
 * npm run test:e2e — Playwright in E2E_SHARDS processes at once (default 2:
 * one per core here), each a shard of the files with its own production
 * server, Twilio stub and database, so no shard sees another's accounts,
 * sessions or rate limits. Extra arguments go to every shard
 * (`npm run test:e2e -- e2e/reach`). Exit status: the worst shard's.
 *
 * Every line a shard prints (its web server's log among them) is also kept in
 * test-results/logs/; after the run those logs are searched for the run's
 * secrets (scripts/lib/log-secrets.ts: what the specs registered, what the
 * stubs recorded), and any hit fails it.
 *
 * E2E_PORT, E2E_STUB_PORT and E2E_PG_PORT move the first shard's ports (the
 * next shards' follow), so two runs can share a machine.
 */
const shards = Math.max(1, Number(process.env.E2E_SHARDS ?? 2));
/**
 * Two shards split by project, balanced by measured time (2026-12-06, the sum of
 * each project's tests: mail 330 s, admin 100, operations 31, no-js 14 ≈ 475 s;
 * reach 265, hardening 140, console 100 ≈ 505 s); other counts use Playwright's
 * own --shard. An explicit --project on the command line wins.
 */
const TWO_SHARDS = [
  ["mail", "admin", "no-js", "operations"],
  ["reach", "hardening", "console"],
];
const unassigned = (config.projects ?? []).map((p) => p.name ?? "").filter((n) => !TWO_SHARDS.flat().includes(n));
if (unassigned.length) throw new Error(`scripts/e2e-shards.ts: put the Playwright project(s) ${unassigned.join(", ")} in a shard`);
const args = process.argv.slice(2);
const runId = String(Date.now());
const root = path.resolve(import.meta.dirname, "..");
for (const dir of [E2E_LOG_DIR, E2E_SMS_RECORD_DIR, E2E_MAIL_RECORD_DIR, E2E_SECRETS_DIR]) {
  rmSync(path.join(root, dir), { recursive: true, force: true });
  mkdirSync(path.join(root, dir), { recursive: true });
}

function runShard(i: number): Promise<number> {
  const env = {
    ...process.env,
    E2E_RUN_ID: `${runId}_${i}`,
    E2E_PORT: String(Number(process.env.E2E_PORT ?? 3100) + 10 * (i - 1)),
    E2E_STUB_PORT: String(Number(process.env.E2E_STUB_PORT ?? 3199) + 10 * (i - 1)),
    E2E_PG_PORT: String(Number(process.env.E2E_PG_PORT ?? 54400) + (i - 1)),
    PLAYWRIGHT_HTML_OUTPUT_DIR: `playwright-report/shard-${i}`,
  };
  const byProject = shards === 2 && !args.some((a) => a.startsWith("--project"));
  const shardArgs = byProject ? TWO_SHARDS[i - 1].map((p) => `--project=${p}`) : shards > 1 ? [`--shard=${i}/${shards}`] : [];
  const child = spawn("npx", ["playwright", "test", ...shardArgs, `--output=test-results/shard-${i}`, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = shards > 1 ? `[e2e ${i}/${shards}] ` : "";
  const log = createWriteStream(path.join(root, E2E_LOG_DIR, `shard-${i}.log`));
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream.on("data", (chunk: Buffer) => {
      log.write(chunk);
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop() ?? "";
      // The servers' info lines (requests, audit events) stay in the log file; the console shows the tests, warnings and errors.
      for (const line of lines) if (!/"level":"(info|debug|trace)"/.test(line)) process.stdout.write(`${prefix}${line}\n`);
    });
    stream.on("end", () => rest && process.stdout.write(`${prefix}${rest}\n`));
  }
  return new Promise((resolve) => child.on("exit", (code, signal) => log.end(() => resolve(code ?? (signal ? 1 : 0)))));
}

// One build for every shard (their servers would otherwise race to build a stale one).
await buildIfStale(path.join(import.meta.dirname, ".."), process.env);

const codes = await Promise.all(Array.from({ length: shards }, (_, k) => runShard(k + 1)));
codes.forEach((c, k) => console.log(`e2e shard ${k + 1}/${shards}: ${c === 0 ? "passed" : `FAILED (exit ${c})`}`));

// The log-secrets check, on every run (a partial run's logs are searched for the secrets of that run).
const { code: secretsCode } = runLogSecretsCheck({
  root,
  specDir: "e2e",
  logDir: E2E_LOG_DIR,
  smsRecordDir: E2E_SMS_RECORD_DIR,
  mailRecordDir: E2E_MAIL_RECORD_DIR,
  secretsDir: E2E_SECRETS_DIR,
});
process.exit(Math.max(...codes, secretsCode));
