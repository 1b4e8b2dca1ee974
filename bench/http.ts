/**
 * npm run bench:http [-- --seconds N] [-- --smoke] [-- --soak MINUTES] [-- --cpu-prof DIR]
 *
 * Issue 13's HTTP benchmark: the production build (built first when stale)
 * served by scripts/app-server.ts, started as npm start starts it
 * (scripts/lib/app-process-env.ts), on a fresh database (the server in
 * TEST_DATABASE_URL, else an embedded PGlite), driven through real HTTP with
 * undici as a browser does it: pages, route handlers, and server actions
 * posted with their Next-Action id, each request from its own client
 * address (X-Forwarded-For, one trusted proxy hop). Everything is measured
 * in the same run, so the figures are ratios to a bound or a baseline of
 * this machine at this minute:
 *   - the argon2id bound: verifies/s of argon2 itself, 4 in flight, at the app's parameters;
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
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { availableParallelism } from "node:os";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { appProcessEnv } from "../scripts/lib/app-process-env";
import { buildIfStale } from "../scripts/lib/build-if-stale";
import { generateCaptchaText } from "../src/server/captcha/captcha-text";
import { renderCaptchaPng } from "../src/server/captcha/render-captcha";
import { actionId, CookieJar } from "../e2e/support/actions";
import { withBenchDatabase } from "./database";
import argon2 from "argon2";
import { Pool } from "undici";
import { cpuDuring, ownCpuMs, processRssMiB, treeRssMiB } from "./cpu";
import { median, percentile, round } from "./stats";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const smoke = args.includes("--smoke");
const secondsArg = args.indexOf("--seconds");
const PHASE_MS = (secondsArg >= 0 ? Number(args[secondsArg + 1]) : smoke ? 1 : 10) * 1000;
// --soak N: instead of the phases, N minutes of logons and page views after a 2-minute warm-up, and the server's RSS growth.
const soakArg = args.indexOf("--soak");
const SOAK_MINUTES = soakArg >= 0 ? Number(args[soakArg + 1]) : 0;
const SOAK_WARMUP_MS = 2 * 60_000;
const STEPS = args.includes("--steps");
const CLIENTS = 8;
const METRICS_TOKEN = randomBytes(24).toString("base64url");
const EMPLOYEE = { email: "alice@example.com", password: "Blue#Harbor2026" };

interface Target {
  figure: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The production server on `url`, until stopped; its RSS is read from /proc while it runs. */
async function startServer(databaseUrl: string): Promise<{ base: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  // --cpu-prof DIR: the server writes a V8 CPU profile there when it exits (docs/performance.md reads them).
  const profDir = args.indexOf("--cpu-prof") >= 0 ? path.resolve(args[args.indexOf("--cpu-prof") + 1]) : null;
  const prof = profDir ? ["--cpu-prof", "--cpu-prof-dir", profDir] : [];
  const child = spawn(process.execPath, [...prof, "--import", "tsx", path.join(root, "scripts", "app-server.ts")], {
    cwd: root,
    env: appProcessEnv({
      ...process.env,
      NODE_ENV: "production",
      NODE_OPTIONS: "",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      APP_ENV: "test",
      APP_URL: `http://127.0.0.1:${port}`,
      CAPTCHA_TEST_MODE: "1",
      SMS_PROVIDER: "console",
      EMAIL_PROVIDER: "console",
      LOG_LEVEL: "warn",
      // As behind a load balancer: each request's client is the X-Forwarded-For address the bench gives it.
      TRUST_PROXY: "1",
      METRICS_TOKEN,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  // Ready when its liveness probe answers (its log is kept at warn: a line per request would weigh on the run).
  const deadline = Date.now() + 60_000;
  const live = () =>
    fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
  while (!(await live())) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the server did not start in 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Each request comes from its own client address (the server trusts one proxy hop here): per-IP limits see many users. */
const clientIp = () => `10.${(Math.random() * 256) | 0}.${(Math.random() * 256) | 0}.${1 + ((Math.random() * 254) | 0)}`;

/** One GET as a browser makes it (gzip accepted, the body read whole); its latency in ms (throws on a status other than 200). */
async function get(http: Pool, p: string, headers: Record<string, string> = {}): Promise<number> {
  const t0 = performance.now();
  const res = await http.request({
    path: p,
    method: "GET",
    headers: { accept: "text/html,image/*", "accept-encoding": "gzip", "x-forwarded-for": clientIp(), ...headers },
  });
  await res.body.arrayBuffer();
  if (res.statusCode !== 200) throw new Error(`GET ${p} answered ${res.statusCode}`);
  return performance.now() - t0;
}

/** One successful logon, posted as the logon form's server action (its form encoded once); its latency in ms. */
async function logOn(http: Pool, base: string, id: string, form: ReturnType<typeof actionBody>): Promise<number> {
  const t0 = performance.now();
  const res = await postAction(http, base, "/login", id, form);
  const landed = res.text.includes('"status":"redirect","to":"/account"') && res.headers["set-cookie"];
  if (res.status !== 200 || !landed) throw new Error(`the logon answered ${res.status}: ${res.text.slice(0, 300)}`);
  return performance.now() - t0;
}

/**
 * The logon form posted empty: refused by its schema (a message by each field) before any database read,
 * limit or hash, so what it costs is Next's and the app's handling of a server action. Its latency in ms.
 */
async function refusedLogOn(http: Pool, base: string, id: string, form: ReturnType<typeof actionBody>): Promise<number> {
  const t0 = performance.now();
  const res = await postAction(http, base, "/login", id, form);
  if (res.status !== 200 || !res.text.includes('"status":"error"') || res.headers["set-cookie"])
    throw new Error(`the empty logon form answered ${res.status}: ${res.text.slice(0, 300)}`);
  return performance.now() - t0;
}

/** CPU per request of `fn` called by CLIENTS clients for `ms`: in all, and in the app, PostgreSQL and this client. */
async function cpuPerRequest(pid: number, ms: number, fn: () => Promise<number>) {
  const { value, ...cpu } = await cpuDuring(pid, () => flood(CLIENTS, ms, fn));
  const per = (x: number) => round(x / value.length, 2);
  // PostgreSQL's figure is its live processes' CPU: a backend that exits meanwhile takes its share with it.
  const postgres = Math.max(0, cpu.postgres);
  return { total: per(cpu.server + postgres + cpu.client), app: per(cpu.app), postgres: per(postgres), client: per(cpu.client) };
}

/** `clients` loops calling `fn` for `ms`; every latency. */
async function flood(clients: number, ms: number, fn: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  const end = performance.now() + ms;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) out.push(await fn());
    }),
  );
  return out;
}

/** One client at a time, alternating the requests, for `ms`; latencies per request. */
async function sample(requests: Record<string, () => Promise<number>>, ms: number): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = Object.fromEntries(Object.keys(requests).map((p) => [p, []]));
  const end = performance.now() + ms;
  while (performance.now() < end) for (const [p, fn] of Object.entries(requests)) out[p].push(await fn());
  return out;
}

/** A signed-in postmaster's cookie, made as the e2e tests make it (the app's own session row and sealing). */
async function postmasterCookie(login: string): Promise<string> {
  const { sealData } = await import("iron-session");
  const { getDb } = await import("../src/server/db");
  const { createSessionRecord } = await import("../src/server/auth/session-store");
  const { sessionOptions } = await import("../src/server/auth/session-options");
  const account = await getDb().mailAccount.findUniqueOrThrow({ where: { address: login }, select: { id: true, sessionVersion: true } });
  const sessionId = await createSessionRecord("mail", account, { ip: "127.0.0.1", userAgent: "bench" });
  const options = sessionOptions("mail", false);
  const t = Date.now();
  const value = await sealData(
    { accountId: account.id, sessionId, version: account.sessionVersion, loggedInAt: t, lastSeenAt: t },
    { password: options.password, ttl: options.ttl },
  );
  return `${options.cookieName}=${value}`;
}

const p95 = (v: number[]) => round(percentile(v, 95));

/**
 * The Employee Accounts page of a domain with `count` more accounts (issue 13: 100,000), one client at a
 * time: the first page, a deep page, a search by a fragment of name or address, and a department filter.
 */
async function accountsListAtScale(http: Pool, cookie: string, count: number, ms: number): Promise<Record<string, number[]>> {
  const { getDb } = await import("../src/server/db");
  const depts = (
    await getDb().department.findMany({ where: { domain: { name: "example.com" } }, select: { id: true }, orderBy: { id: "asc" } })
  ).map((d) => d.id);
  const db = await seedEmployees("bench", count, { departments: depts });
  // What autovacuum does within a minute of such an insert: statistics, and the visibility map index-only scans rely on.
  await db.$executeRawUnsafe(`VACUUM ANALYZE "MailAccount"`);
  const deepPage = Math.max(1, Math.floor(count / 25 / 2));
  const department = depts[0];
  const requests: Record<string, () => Promise<number>> = {
    "first page": () => get(http, "/admin/accounts", { cookie }),
    [`page ${deepPage}`]: () => get(http, `/admin/accounts?page=${deepPage}`, { cookie }),
    "search 'user4242'": () => get(http, "/admin/accounts?q=user4242", { cookie }),
    "search 'User 0777'": () => get(http, `/admin/accounts?q=${encodeURIComponent("User 0777")}`, { cookie }),
    ...(department ? { "department filter": () => get(http, `/admin/accounts?department=${department}`, { cookie }) } : {}),
  };
  await sample(requests, Math.min(ms, 1000)); // warm-up
  return sample(requests, ms);
}

/**
 * The soak: logons by CLIENTS clients and one client's page views for the warm-up and then `minutes`,
 * the server's RSS (with its hashing process) read every 5 s. Growth: the median RSS of the last minute
 * against the median of the first minute after the warm-up.
 */
async function soak(pid: number, minutes: number, logOnOnce: () => Promise<number>, pages: Record<string, () => Promise<number>>) {
  const series: Array<{ s: number; rss: number }> = [];
  const t0 = performance.now();
  const timer = setInterval(() => {
    const s = Math.round((performance.now() - t0) / 1000);
    series.push({ s, rss: round(treeRssMiB(pid), 1) });
    if (series.length % 12 === 0) console.log(`  ${series.length / 12} min: RSS ${series.at(-1)?.rss} MiB`);
  }, 5_000);
  const total = SOAK_WARMUP_MS + minutes * 60_000;
  const [logons] = await Promise.all([flood(CLIENTS, total, logOnOnce), sample(pages, total)]);
  clearInterval(timer);
  const warm = SOAK_WARMUP_MS / 1000;
  const end = total / 1000;
  const med = (from: number, to: number) => median(series.filter((p) => p.s > from && p.s <= to).map((p) => p.rss));
  const after = med(warm, warm + 60);
  const last = med(end - 60, end);
  return { logons: logons.length, afterWarmupMiB: round(after, 1), lastMinuteMiB: round(last, 1), growth: last / after - 1, series };
}

/**
 * --steps: the CPU of each request of a self-service reset (FLOWS flows, one request at a time, after 20 to
 * warm up), in the app's process, its hashing process and PostgreSQL; beside them, measured the same way,
 * the floor of a request: the cheapest route handler, the logon page, Employee Accounts with nothing to
 * list (a search that matches no one) and with its first 25 rows. One client at a time, so the figures are
 * a request's own work, without a flood's queueing; they are a diagnosis, not a target.
 */
async function steps(pid: number, base: string, http: Pool, cookie: string, pages: Record<string, () => Promise<number>>) {
  const FLOWS = smoke ? 5 : 200;
  type Cpu = { app: number; hashing: number; postgres: number; n: number };
  let totals: Record<string, Cpu> = {};
  const measure: Around = async (name, request) => {
    const { value, ...cpu } = await cpuDuring(pid, request);
    const t = (totals[name] ??= { app: 0, hashing: 0, postgres: 0, n: 0 });
    t.app += cpu.app;
    t.hashing += cpu.server - cpu.app;
    t.postgres += Math.max(0, cpu.postgres);
    t.n++;
    return value;
  };
  const flow = await selfServiceResets(base, http, FLOWS + 20, measure);
  for (let i = 0; i < 20; i++) await flow();
  totals = {};
  for (let i = 0; i < FLOWS; i++) await flow();
  const flowSteps = totals;
  totals = {};
  const floors: Record<string, () => Promise<number>> = {
    "GET /healthz": () => get(http, "/healthz"),
    "GET /login": pages["/login"],
    "GET /admin/accounts, nothing listed": () => get(http, "/admin/accounts?q=nobody-is-called-this", { cookie }),
    "GET /admin/accounts, 25 rows": pages["/admin/accounts"],
  };
  for (const [name, request] of Object.entries(floors)) {
    for (let i = 0; i < 20; i++) await request();
    for (let i = 0; i < FLOWS; i++) await measure(name, request);
  }
  const per = (t: Cpu) => ({ app: round(t.app / t.n, 1), hashing: round(t.hashing / t.n, 1), postgres: round(t.postgres / t.n, 1) });
  const table = (title: string, rows: Record<string, Cpu>) => {
    console.log("");
    console.log(`${title.padEnd(40)} ${"app".padStart(7)} ${"hashing".padStart(8)} ${"PostgreSQL".padStart(11)}   ms of CPU a request`);
    const sum = { app: 0, hashing: 0, postgres: 0 };
    for (const [name, t] of Object.entries(rows)) {
      const p = per(t);
      sum.app += p.app;
      sum.hashing += p.hashing;
      sum.postgres += p.postgres;
      console.log(`${name.padEnd(40)} ${String(p.app).padStart(7)} ${String(p.hashing).padStart(8)} ${String(p.postgres).padStart(11)}`);
    }
    return sum;
  };
  const sum = table(`a self-service reset (${FLOWS} flows)`, flowSteps);
  console.log(
    `${"the whole flow".padEnd(40)} ${String(round(sum.app, 1)).padStart(7)} ${String(round(sum.hashing, 1)).padStart(8)} ${String(round(sum.postgres, 1)).padStart(11)}`,
  );
  table(`the floor of a request (${FLOWS} each)`, totals);
  return {
    flows: FLOWS,
    steps: Object.fromEntries(Object.entries(flowSteps).map(([k, t]) => [k, per(t)])),
    floors: Object.fromEntries(Object.entries(totals).map(([k, t]) => [k, per(t)])),
  };
}

/** The time of one argon2 verify with nothing else running (median of 15, after one to warm up). */
async function argon2AloneMs(params: argon2.Options): Promise<number> {
  const stored = await argon2.hash("Bench#Alone2026", params);
  const times: number[] = [];
  for (let i = 0; i < 16; i++) {
    const t0 = performance.now();
    await argon2.verify(stored, "Bench#Alone2026");
    times.push(performance.now() - t0);
  }
  return median(times.slice(1));
}

/** The time to draw one captcha image with nothing else running (median of 15, after one to warm up). */
function captchaImageAloneMs(): number {
  const times: number[] = [];
  for (let i = 0; i < 16; i++) {
    const t0 = performance.now();
    renderCaptchaPng(generateCaptchaText());
    times.push(performance.now() - t0);
  }
  return median(times.slice(1));
}

/** The server's count of argon2 operations so far (/metrics: every hash and verify passes the queue once). */
async function argon2Operations(http: Pool): Promise<number> {
  const res = await http.request({ path: "/metrics", method: "GET", headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await res.body.text();
  const m = /^postkey_argon2_queue_wait_seconds_count(?:\{[^}]*\})? (\d+)/m.exec(text);
  if (res.statusCode !== 200 || !m) throw new Error(`/metrics answered ${res.statusCode} without the argon2 count`);
  return Number(m[1]);
}

/** A server action posted as React posts a form (multipart, `_1_` fields, then the state reference). */
function actionBody(fields: Record<string, string>): { body: Buffer; contentType: string } {
  const boundary = `----postkeybench${Math.random().toString(36).slice(2)}`;
  const parts = [...Object.entries(fields).map(([k, v]) => [`_1_${k}`, v]), ["0", '[{"status":"idle"},"$K1"]']];
  const body = Buffer.from(
    parts.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`,
  );
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a server action as the browser does (its id, the page's Origin, RSC accepted); the answer decoded. */
async function postAction(
  http: Pool,
  base: string,
  p: string,
  id: string,
  form: { body: Buffer; contentType: string },
  extra: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const res = await http.request({
    path: p,
    method: "POST",
    headers: {
      "next-action": id,
      origin: base,
      accept: "text/x-component",
      "accept-encoding": "gzip",
      "content-type": form.contentType,
      "x-forwarded-for": clientIp(),
      ...extra,
    },
    body: form.body,
  });
  const raw = Buffer.from(await res.body.arrayBuffer());
  const text = (res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
  return { status: res.statusCode, headers: res.headers, text };
}

/**
 * `count` employees of example.com named `<prefix>-<i>` (address `<prefix>.user<i>@example.com`, display
 * name "<Prefix> User 000042") with the demo accounts' password hash, in one statement on the server
 * (generate_series): 100,000 in seconds. Optionally spread over the domain's departments, with a verified
 * secure mobile, and with a full password history (a reset's worst case: every history verify runs).
 */
async function seedEmployees(prefix: string, count: number, opts: { departments?: string[]; mobile?: boolean; history?: boolean }) {
  const { getDb } = await import("../src/server/db");
  const { HISTORY_DEPTH } = await import("../src/lib/password-policy");
  const db = getDb();
  const domain = await db.domain.findUniqueOrThrow({ where: { name: "example.com" }, select: { id: true } });
  const hash = (await db.mailAccount.findFirstOrThrow({ where: { domainId: domain.id }, omit: { passwordHash: false } })).passwordHash;
  await db.$executeRawUnsafe(
    `INSERT INTO "MailAccount" ("id", "domainId", "address", "displayName", "departmentId", "passwordHash", "passwordChangedAt",
                                "updatedAt", "secureMobile", "secureMobileVerifiedAt")
     SELECT $4 || '-' || i, $1, $4 || '.user' || i || '@example.com', initcap($4) || ' User ' || lpad(i::text, 6, '0'),
            ($6::text[])[1 + i % greatest(cardinality($6::text[]), 1)], $2, now(), now(),
            CASE WHEN $5 THEN '+1415' || (2000000 + i)::text END, CASE WHEN $5 THEN now() END
     FROM generate_series(0, $3::int - 1) AS i`,
    domain.id,
    hash,
    count,
    prefix,
    opts.mobile ?? false,
    opts.departments ?? [],
  );
  if (opts.history)
    await db.$executeRawUnsafe(
      `INSERT INTO "PasswordHistory" ("id", "mailAccountId", "passwordHash", "createdAt")
       SELECT $4 || '-' || i || '-' || k, $4 || '-' || i, $1, now() - k * interval '1 day'
       FROM generate_series(0, $2::int - 1) AS i, generate_series(1, $3::int) AS k`,
      hash,
      count,
      HISTORY_DEPTH,
      prefix,
    );
  return db;
}

/**
 * Scenario 1's reset as the Reset Password form posts it, for `count` fresh employees whose password
 * history is full (the history check's worst case, every reset after the fifth). Returns one reset per call.
 */
async function postmasterResets(base: string, http: Pool, cookie: string, count: number) {
  await seedEmployees("reset", count, { history: true });
  const id = actionId("resetPasswordAction");
  let next = 0;
  return async (): Promise<number> => {
    const accountId = `reset-${next++ % count}`;
    const password = `Qz${randomBytes(6).toString("base64url")}#7v`;
    const form = actionBody({ accountId, password, confirmPassword: password, mustChangePassword: "on" });
    const t0 = performance.now();
    const res = await postAction(http, base, `/admin/accounts/${accountId}`, id, form, { cookie });
    const to = String(res.headers["x-action-redirect"] ?? "");
    if (res.status !== 200 || !to.includes("notice=password-reset"))
      throw new Error(`the reset answered ${res.status}, redirect ${to || "none"}`);
    return performance.now() - t0;
  };
}

/** Runs one request of a flow; --steps wraps each in a CPU measurement. */
type Around = <T>(name: string, request: () => Promise<T>) => Promise<T>;

/**
 * Scenario 2 as a browser with JavaScript goes through it, for `count` fresh employees with a verified
 * secure mobile and a full password history: the image code (CAPTCHA_TEST_MODE's word), "Next", "Send
 * code" (the code read from the SMS outbox, as a phone would), "Next", then the new password twice.
 * Returns one whole reset per call; `around` runs each of its requests.
 */
async function selfServiceResets(base: string, http: Pool, count: number, around: Around = (_, request) => request()) {
  const db = await seedEmployees("self", count, { mobile: true, history: true });
  const ids = {
    start: actionId("startRecoveryAction"),
    send: actionId("sendCodeAction"),
    verify: actionId("verifyCodeAction"),
    complete: actionId("completeRecoveryAction"),
  };
  const stepNames: Record<string, string> = {
    [ids.start]: '"Next" (account and image code)',
    [ids.send]: '"Send code"',
    [ids.verify]: '"Next" (SMS code)',
    [ids.complete]: "the new password",
  };
  let next = 0;
  return async (): Promise<number> => {
    const i = next++ % count;
    const jar = new CookieJar();
    const ip = clientIp();
    // `expect`: the address the answer sends the browser to, or "next step" (the page drawn again into it).
    const step = (id: string, fields: Record<string, string>, expect: string) =>
      around(stepNames[id], async () => {
        const res = await postAction(http, base, "/forgot-password", id, actionBody(fields), {
          cookie: jar.header(),
          "x-forwarded-for": ip,
        });
        jar.take([res.headers["set-cookie"] ?? []].flat());
        const to = String(res.headers["x-action-redirect"] ?? "");
        const ok =
          expect === "next step" ? res.headers["x-action-revalidated"] && res.text.includes('{"status":"idle"}') : to.startsWith(expect);
        if (res.status !== 200 || !ok)
          throw new Error(`Forgot Password answered ${res.status}, redirect ${to || "none"}: ${res.text.slice(0, 200)}`);
      });
    const t0 = performance.now();
    await around("GET /captcha", async () => {
      const image = await http.request({ path: "/captcha", method: "GET", headers: { "x-forwarded-for": ip } });
      await image.body.arrayBuffer();
      jar.take([image.headers["set-cookie"] ?? []].flat());
    });
    await step(ids.start, { email: `self.user${i}@example.com`, captcha: "PASSED" }, "next step");
    await step(ids.send, { method: "SMS" }, "next step");
    const sms = await db.smsMessage.findFirstOrThrow({
      where: { accountId: `self-${i}` },
      orderBy: { createdAt: "desc" },
      select: { body: true },
    });
    const code = /\b(\d{6})\b/.exec(sms.body)?.[1] ?? "";
    await step(ids.verify, { code }, "next step");
    const password = `Qz${randomBytes(6).toString("base64url")}#7v`;
    await step(ids.complete, { password, confirmPassword: password }, "/forgot-password?done=1");
    return performance.now() - t0;
  };
}

buildIfStale(root, process.env);
const ok = await withBenchDatabase(async (url, kind) => {
  Object.assign(process.env, { DATABASE_URL: url, APP_ENV: "test", SMS_PROVIDER: "console" });
  process.env.LOG_LEVEL ??= "warn";
  process.env.SESSION_SECRET ??= randomBytes(32).toString("base64url");
  const { seedDemoData } = await import("../src/server/seed/seed-demo-data");
  const { disconnectDb } = await import("../src/server/db");
  const { argon2Params } = await import("../src/server/security/password-hash");
  await seedDemoData();
  const server = await startServer(url);
  const http = new Pool(server.base, { connections: 2 * CLIENTS });
  try {
    console.log(`Database: ${kind}; server: ${server.base} (pid ${server.pid}); ${PHASE_MS / 1000} s per phase`);
    const logonId = actionId("logOnAction");
    const logonForm = actionBody({ email: EMPLOYEE.email, password: EMPLOYEE.password });
    const admin = { cookie: await postmasterCookie("postmaster@example.com") };
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
      await mkdir(path.join(root, "bench", "results"), { recursive: true });
      await writeFile(
        path.join(root, "bench", "results", "http-soak.json"),
        `${JSON.stringify({ at: new Date().toISOString(), node: process.version, database: kind, minutes: SOAK_MINUTES, ...r, pass }, null, 2)}\n`,
      );
      return pass;
    }

    if (STEPS) {
      const r = await steps(server.pid, server.base, http, admin.cookie, requests);
      await mkdir(path.join(root, "bench", "results"), { recursive: true });
      await writeFile(
        path.join(root, "bench", "results", "http-steps.json"),
        `${JSON.stringify({ at: new Date().toISOString(), node: process.version, database: kind, ...r }, null, 2)}\n`,
      );
      console.log("(written to bench/results/http-steps.json)");
      return true;
    }

    // Warm-up: the first requests compile nothing (production) but fill caches and pools.
    await sample(requests, Math.min(PHASE_MS, 2000));
    await flood(2, Math.min(PHASE_MS, 2000), doLogOn);

    const idle = await sample(requests, PHASE_MS);

    // The argon2id bound, measured here with argon2 itself at the app's parameters: 4 verifies in flight.
    const params = { type: argon2.argon2id, ...argon2Params() };
    const cores = availableParallelism();
    const stored = await argon2.hash(EMPLOYEE.password, params);
    const boundCpu0 = ownCpuMs();
    const verifies = await flood(4, PHASE_MS, async () => {
      const t0 = performance.now();
      await argon2.verify(stored, EMPLOYEE.password);
      return performance.now() - t0;
    });
    const bound = verifies.length / (PHASE_MS / 1000);
    const verifyCpu = (ownCpuMs() - boundCpu0) / verifies.length;

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
    const ops0 = await argon2Operations(http);
    await reset();
    const opsPerReset = (await argon2Operations(http)) - ops0;
    const opMs = await argon2AloneMs(params);
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
    const ops1 = await argon2Operations(http);
    await selfService();
    const opsPerFlow = (await argon2Operations(http)) - ops1;
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
    const dir = path.join(root, "bench", "results");
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, "http.json"),
      `${JSON.stringify({ at: new Date().toISOString(), node: process.version, database: kind, phaseMs: PHASE_MS, smoke, cpuPerLogon, logonBudgetMs: budget, floors, results }, null, 2)}\n`,
    );
    console.log("(written to bench/results/http.json)");
    if (smoke) console.log("Smoke run: every phase completed. Its figures are too short to judge, and no target is checked.");
    return smoke || results.every((r) => r.pass);
  } finally {
    await http.close();
    await server.stop();
    await disconnectDb();
  }
});
process.exit(ok ? 0 : 1);
