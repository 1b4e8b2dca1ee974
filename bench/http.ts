/**
 * npm run bench -- http [--seconds N] [--smoke] [--soak MINUTES] [--cpu-prof DIR] [--steps]
 *
 * The HTTP benchmark (docs/performance.md, ADR 0009): the production build (built first when stale)
 * served by src/runtime/app-server.ts, started as npm start starts it
 * (src/runtime/app-process-env.ts), on a fresh database (the server in
 * TEST_DATABASE_URL, else an embedded PGlite), driven through real HTTP with
 * undici as a browser does it: pages, route handlers, and server actions
 * posted with their Next-Action id, each request from its own client
 * address (X-Forwarded-For, one trusted proxy hop). Everything is measured
 * in the same run, so the figures are ratios to a bound or a baseline of
 * this machine at this minute:
 *   - the argon2id bound: verifies/s of argon2 itself, 4 in flight, at the app's parameters
 *     (measureArgon2 in argon2-bound.ts, the one argon2 measure of every phase);
 *   - successful logons/s of one employee, 8 clients, as a share of that bound,
 *     and the CPU each took in the server (with its hashing process), PostgreSQL and this client;
 *   - that CPU beside the argon2 verify against what 75 % of the bound leaves for it, and the
 *     stack's floor measured the same way: a route handler and a server action that do nothing;
 *   - idle p95 of /login and /forgot-password (one client at a time);
 *   - p95 of /login, /forgot-password, /captcha and /admin/accounts while the logons flood,
 *     against their own idle p95;
 *   - the server's peak RSS (with its hashing process) during the flood;
 *   - the Employee Accounts page with 100,000 more accounts: first page, a deep page,
 *     two searches and a department filter.
 * Prints one table with targets and ratios, writes bench/results/http.json,
 * and exits non-zero when a target is missed. --smoke: a short run (npm test)
 * that asserts only that every phase completes. --soak N: N minutes of
 * logons and page views after a 2-minute warm-up, and the RSS growth
 * (bench/results/http-soak.json). --steps: instead of the phases, where a
 * self-service reset's CPU goes, request by request, beside the floor of a
 * page (bench/results/http-steps.json; docs/performance.md).
 *
 * This file runs the phases in order (bench/run.ts calls it); the server is started by
 * http-server.ts, requests are made by http-client.ts, the flows posted by
 * http-flows.ts, and the other measurements live in http-phases.ts.
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { buildIfStale } from "../scripts/lib/build-if-stale";
import { actionId } from "../tests/support/raw-action";
import { withBenchDatabase } from "./database";
import { Pool } from "undici";
import { measureArgon2 } from "./argon2-bound";
import { cpuDuring, processRssMiB, treeRssMiB } from "./cpu";
import { actionBody, CLIENTS, flood, get, p95, sample } from "./http-client";
import { logOn, postmasterCookie, postmasterResets, refusedLogOn, selfServiceResets } from "./http-flows";
import { accountsListAtScale, argon2Operations, captchaImageAloneMs, cpuPerRequest, soak, SOAK_WARMUP_MS, steps } from "./http-phases";
import { startServer } from "./http-server";
import { median, percentile, round } from "./stats";
import { DEMO } from "../tests/support/demo-accounts";

const root = path.resolve(import.meta.dirname, "..");
const METRICS_TOKEN = randomBytes(24).toString("base64url");
const EMPLOYEE = { email: DEMO.alice.email, password: DEMO.alice.password };

interface Target {
  figure: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
}
/** A run's figures as bench/results/<name>, stamped with the time and Node's version. */
async function writeResults(name: string, figures: Record<string, unknown>): Promise<void> {
  const dir = path.join(root, "bench", "results");
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, name),
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, ...figures }, null, 2)}\n`,
  );
  console.log(`(written to bench/results/${name})`);
}

/** The flags of `npm run bench -- http`. */
export interface HttpBenchOptions {
  /** A short run (npm test) that asserts only that every phase completes. */
  smoke: boolean;
  /** Each phase's length: --seconds N, else 1 s (smoke) or 10 s. */
  phaseMs: number;
  /** --soak N: instead of the phases, N minutes of logons and page views after a 2-minute warm-up, and the server's RSS growth. */
  soakMinutes: number;
  /** --cpu-prof DIR: the server writes a V8 CPU profile there when it exits (docs/performance.md reads them). */
  profDir: string | null;
  /** --steps: instead of the phases, where a self-service reset's CPU goes. */
  steps: boolean;
}

/** The HTTP benchmark; true when every target is met (or, smoke, when every phase completed). */
export async function benchHttp({
  smoke,
  phaseMs: PHASE_MS,
  soakMinutes: SOAK_MINUTES,
  profDir: PROF_DIR,
  steps: STEPS,
}: HttpBenchOptions) {
  await buildIfStale(root, process.env);
  return withBenchDatabase(async (url, kind) => {
    Object.assign(process.env, { DATABASE_URL: url, APP_ENV: "test", SMS_PROVIDER: "console" });
    process.env.LOG_LEVEL ??= "warn";
    process.env.SESSION_SECRET ??= randomBytes(32).toString("base64url");
    process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
    const { seedDemoData } = await import("../src/server/seed/seed-demo-data");
    const { disconnectDb } = await import("../src/server/db");
    await seedDemoData();
    const server = await startServer(url, {
      metricsToken: METRICS_TOKEN,
      profDir: PROF_DIR,
    });
    const http = new Pool(server.base, { connections: 2 * CLIENTS });
    try {
      console.log(`Database: ${kind}; server: ${server.base} (pid ${server.pid}); ${PHASE_MS / 1000} s per phase`);
      const logonId = actionId("logOnAction");
      const logonForm = actionBody({ email: EMPLOYEE.email, password: EMPLOYEE.password });
      const admin = { cookie: await postmasterCookie(DEMO.postmaster.email) };
      // What a person does while others log on: none of these hashes a password.
      const requests: Record<string, () => Promise<number>> = {
        "/login": () => get(http, "/login"),
        "/forgot-password": () => get(http, "/forgot-password"),
        "/captcha": () => get(http, "/captcha"),
        "/admin/accounts": () => get(http, "/admin/accounts", admin),
      };
      const paged = ["/login", "/forgot-password"]; // their idle p95 has its own target
      const doLogOn = () => logOn(http, server.base, logonId, logonForm);

      if (SOAK_MINUTES > 0) {
        console.log(
          `Soak: ${SOAK_WARMUP_MS / 60_000} min of warm-up, then ${SOAK_MINUTES} min; ${CLIENTS} clients logging on, one viewing pages.`,
        );
        const r = await soak(server.pid, SOAK_MINUTES, doLogOn, requests);
        const pass = r.growth <= 0.05;
        console.log(
          `RSS after the warm-up ${r.afterWarmupMiB} MiB, in the last minute ${r.lastMinuteMiB} MiB: ` +
            `growth ${round(r.growth * 100, 1)} % (target ≤ 5 %) ${pass ? "met" : "MISSED"}; ${r.logons} logons`,
        );
        await writeResults("http-soak.json", { database: kind, minutes: SOAK_MINUTES, ...r, pass });
        return pass;
      }

      if (STEPS) {
        const r = await steps(server.pid, server.base, http, admin.cookie, requests, smoke ? 5 : 200);
        await writeResults("http-steps.json", { database: kind, ...r });
        return true;
      }

      // Warm-up: the first requests compile nothing (production) but fill caches and pools.
      await sample(requests, Math.min(PHASE_MS, 2000));
      await flood(2, Math.min(PHASE_MS, 2000), doLogOn);

      const idle = await sample(requests, PHASE_MS);

      // The argon2id bound, measured here with argon2 itself at the app's parameters: 4 verifies in flight.
      const cores = availableParallelism();
      const { perSecond: bound, cpuMsEach: verifyCpu } = await measureArgon2({ op: "verify", inFlight: 4, ms: PHASE_MS });

      // The peak of the app and its hashing process together, and the app's share at that moment (at idle
      // when the flood never goes above it).
      const idleRss = treeRssMiB(server.pid);
      let peakRss = idleRss;
      let peakMain = processRssMiB(server.pid);
      const rssTimer = setInterval(() => {
        const total = treeRssMiB(server.pid);
        if (total > peakRss) [peakRss, peakMain] = [total, processRssMiB(server.pid)];
      }, 200);
      // Logons alone: the throughput target, and where each logon's CPU went.
      const { value: logons, ...cpu } = await cpuDuring(server.pid, () => flood(CLIENTS, PHASE_MS, doLogOn));
      const logonRate = logons.length / (PHASE_MS / 1000);
      const perLogon = (ms: number) => round(ms / logons.length, 1);
      const cpuPerLogon = {
        server: perLogon(cpu.server),
        app: perLogon(cpu.app),
        argon2Verify: round(verifyCpu, 1),
        postgres: perLogon(cpu.postgres),
        client: perLogon(cpu.client),
      };
      console.log(
        `CPU per logon: server ${cpuPerLogon.server} ms with its hashing process (one argon2 verify alone: ${cpuPerLogon.argon2Verify} ms; ` +
          `the app's own process ${cpuPerLogon.app} ms), PostgreSQL ${cpuPerLogon.postgres} ms, this client ${cpuPerLogon.client} ms`,
      );
      // The same flood with one client viewing pages beside it: their p95 against idle (and the RSS peak of both phases).
      const [, busy] = await Promise.all([flood(CLIENTS, PHASE_MS, doLogOn), sample(requests, PHASE_MS)]);
      clearInterval(rssTimer);

      // The logon target as CPU. At 75 % of the bound, a logon may spend `budget` ms on anything but its argon2
      // verify (the app, its hashing process beyond the verify, PostgreSQL, this client): the cores' time per
      // logon at that rate, less the verify. Beside it, the floor of the stack, measured the same way: the
      // cheapest route handler (/healthz: no proxy, no database), and a server action that does nothing (the
      // logon form sent empty, refused by its schema before any database read or hash).
      const budget = round((cores * 1000) / (0.75 * bound) - verifyCpu, 1);
      const beside = round((cpu.server + cpu.postgres + cpu.client) / logons.length - verifyCpu, 1);
      const floorMs = Math.min(PHASE_MS, 4000);
      const emptyForm = actionBody({ email: "", password: "" });
      const floors = {
        "a route handler that does nothing (/healthz)": await cpuPerRequest(server.pid, floorMs, () => get(http, "/healthz")),
        "a server action that does nothing (empty logon form)": await cpuPerRequest(server.pid, floorMs, () =>
          refusedLogOn(http, server.base, logonId, emptyForm),
        ),
      };

      const results: Target[] = [
        { figure: "argon2id bound (4 parallel verifies)", value: round(bound, 1), unit: "verifies/s", target: "—", pass: true },
        {
          figure: `successful logons (${CLIENTS} clients)`,
          value: round(logonRate, 1),
          unit: `/s = ${round((logonRate / bound) * 100, 1)} % of the bound; p50 ${round(percentile(logons, 50))} ms, p95 ${p95(logons)} ms`,
          target: "≥ 75 % of the bound",
          pass: logonRate >= 0.75 * bound,
        },
        {
          figure: "CPU per logon beside its argon2 verify",
          value: beside,
          unit: `ms (75 % of the bound leaves ${budget} ms: app, hashing beyond the verify, PostgreSQL, client)`,
          target: "—",
          pass: true,
        },
        ...Object.entries(floors).map(([what, c]) => ({
          figure: `floor: ${what}`,
          value: c.total,
          unit: `ms of CPU a request (the app ${c.app}, PostgreSQL ${c.postgres}, this client ${c.client})`,
          target: "—",
          pass: true,
        })),
        ...paged.map((p) => ({
          figure: `${p} idle p95`,
          value: p95(idle[p]),
          unit: "ms",
          target: "≤ 25 ms",
          pass: p95(idle[p]) <= 25,
        })),
        ...Object.keys(requests).map((p) => ({
          figure: `${p} p95 while logons flood`,
          value: p95(busy[p]),
          unit: `ms = ${round(p95(busy[p]) / p95(idle[p]), 2)}× its idle p95 of ${p95(idle[p])} ms`,
          target: "≤ 1.5× idle",
          pass: p95(busy[p]) <= 1.5 * p95(idle[p]),
        })),
        {
          figure: "server RSS during the flood (peak)",
          value: round(peakRss, 1),
          unit: `MiB: the app ${round(peakMain, 1)} + its hashing process ${round(peakRss - peakMain, 1)}; ${round(idleRss, 1)} MiB before the flood`,
          target: "< 512 MiB",
          pass: peakRss < 512,
        },
      ];
      // Last, as it grows the database: the Employee Accounts page at 100,000 accounts (smoke: 1,000).
      const scale = smoke ? 1_000 : 100_000;
      const list = await accountsListAtScale(http, admin.cookie, scale, PHASE_MS);
      for (const [c, times] of Object.entries(list))
        results.push({
          figure: `Employee Accounts, ${scale.toLocaleString("en")} more: ${c} p95`,
          value: p95(times),
          unit: `ms (${times.length} requests)`,
          target: "≤ 50 ms",
          pass: p95(times) <= 50,
        });

      // The postmaster's reset against its own bound: its argon2 operations, counted by the server, at the
      // time one takes alone here, divided into the cores.
      const reset = await postmasterResets(server.base, http, admin.cookie, smoke ? 50 : 2000);
      const ops0 = await argon2Operations(http, METRICS_TOKEN);
      await reset();
      const opsPerReset = (await argon2Operations(http, METRICS_TOKEN)) - ops0;
      // One verify with nothing else running: the median of 15.
      const opMs = median((await measureArgon2({ op: "verify", inFlight: 1, count: 15 })).latencies);
      const resetBound = cores / ((opsPerReset * opMs) / 1000);
      const resets = await flood(CLIENTS, PHASE_MS, reset);
      const resetRate = resets.length / (PHASE_MS / 1000);
      results.push({
        figure: `postmaster's resets (${CLIENTS} clients)`,
        value: round(resetRate, 1),
        unit:
          `/s = ${round((resetRate / resetBound) * 100, 1)} % of its bound ${round(resetBound, 1)}/s ` +
          `(${opsPerReset} argon2 operations a reset × ${round(opMs, 1)} ms, ${cores} cores); p50 ${round(percentile(resets, 50))} ms`,
        target: "≥ 50 % of its bound",
        pass: resetRate >= 0.5 * resetBound,
      });

      // Scenario 2 against its own bound: its argon2 operations and one captcha image, alone, into the cores.
      const selfService = await selfServiceResets(server.base, http, smoke ? 50 : 2000);
      const ops1 = await argon2Operations(http, METRICS_TOKEN);
      await selfService();
      const opsPerFlow = (await argon2Operations(http, METRICS_TOKEN)) - ops1;
      const imageMs = captchaImageAloneMs();
      const flowBound = cores / ((opsPerFlow * opMs + imageMs) / 1000);
      const flows = await flood(CLIENTS, PHASE_MS, selfService);
      const flowRate = flows.length / (PHASE_MS / 1000);
      results.push({
        figure: `self-service resets (${CLIENTS} clients)`,
        value: round(flowRate, 1),
        unit:
          `/s = ${round((flowRate / flowBound) * 100, 1)} % of its bound ${round(flowBound, 1)}/s (${opsPerFlow} argon2 operations × ` +
          `${round(opMs, 1)} ms + one captcha image ${round(imageMs, 1)} ms, ${cores} cores); p50 ${round(percentile(flows, 50))} ms`,
        target: "≥ 50 % of its bound",
        pass: flowRate >= 0.5 * flowBound,
      });

      console.log("");
      console.log(`${"figure".padEnd(58)} ${"value".padStart(9)}  ${"target".padEnd(22)} result`);
      for (const r of results)
        console.log(
          `${r.figure.padEnd(58)} ${String(r.value).padStart(9)}  ${r.target.padEnd(22)} ${r.pass ? "met" : "MISSED"}   (${r.unit})`,
        );
      await writeResults("http.json", { database: kind, phaseMs: PHASE_MS, smoke, cpuPerLogon, logonBudgetMs: budget, floors, results });
      if (smoke) console.log("Smoke run: every phase completed. Its figures are too short to judge, and no target is checked.");
      return smoke || results.every((r) => r.pass);
    } finally {
      await http.close();
      await server.stop();
      await disconnectDb();
    }
  });
}
