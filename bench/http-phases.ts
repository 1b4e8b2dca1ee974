import { type Pool } from "undici";
import { generateCaptchaText } from "../src/server/captcha/captcha-text";
import { renderCaptchaPng } from "../src/server/captcha/render-captcha";
import { cpuDuring, treeRssMiB } from "./cpu";
import { CLIENTS, flood, get, sample } from "./http-client";
import { seedEmployees, selfServiceResets, type Around } from "./http-flows";
import { median, round } from "./stats";

/** `bench -- http`'s measurements beside the phases in http.ts: bounds, the list at scale, the soak, --steps. */

/** The soak's warm-up before its growth is measured. */
export const SOAK_WARMUP_MS = 2 * 60_000;

/** CPU per request of `fn` called by CLIENTS clients for `ms`: in all, and in the app, PostgreSQL and this client. */
export async function cpuPerRequest(pid: number, ms: number, fn: () => Promise<number>) {
  const { value, ...cpu } = await cpuDuring(pid, () => flood(CLIENTS, ms, fn));
  const per = (x: number) => round(x / value.length, 2);
  // PostgreSQL's figure is its live processes' CPU: a backend that exits meanwhile takes its share with it.
  const postgres = Math.max(0, cpu.postgres);
  return { total: per(cpu.server + postgres + cpu.client), app: per(cpu.app), postgres: per(postgres), client: per(cpu.client) };
}

/**
 * The Employee Accounts page of a domain with `count` more accounts (docs/performance.md: 100,000), one client at a
 * time: the first page, a deep page, a search by a fragment of name or address, and a department filter.
 */
export async function accountsListAtScale(http: Pool, cookie: string, count: number, ms: number): Promise<Record<string, number[]>> {
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
export async function soak(pid: number, minutes: number, logOnOnce: () => Promise<number>, pages: Record<string, () => Promise<number>>) {
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
 * --steps: the CPU of each request of a self-service reset (`flows` flows, one request at a time, after 20 to
 * warm up), in the app's process, its hashing process and PostgreSQL; beside them, measured the same way,
 * the floor of a request: the cheapest route handler, the logon page, Employee Accounts with nothing to
 * list (a search that matches no one) and with its first 25 rows. One client at a time, so the figures are
 * a request's own work, without a flood's queueing; they are a diagnosis, not a target.
 */
export async function steps(
  pid: number,
  base: string,
  http: Pool,
  cookie: string,
  pages: Record<string, () => Promise<number>>,
  flows: number,
) {
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
  const flow = await selfServiceResets(base, http, flows + 20, measure);
  for (let i = 0; i < 20; i++) await flow();
  totals = {};
  for (let i = 0; i < flows; i++) await flow();
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
    for (let i = 0; i < flows; i++) await measure(name, request);
  }
  type Row = { app: number; hashing: number; postgres: number };
  const per = (t: Cpu): Row => ({ app: round(t.app / t.n, 1), hashing: round(t.hashing / t.n, 1), postgres: round(t.postgres / t.n, 1) });
  const line = (name: string, r: Row | Record<keyof Row, string>) =>
    console.log(`${name.padEnd(40)} ${String(r.app).padStart(7)} ${String(r.hashing).padStart(8)} ${String(r.postgres).padStart(11)}`);
  const table = (title: string, rows: Record<string, Cpu>) => {
    console.log("");
    line(title, { app: "app", hashing: "hashing", postgres: "PostgreSQL" });
    for (const [name, t] of Object.entries(rows)) line(name, per(t));
  };
  table(`a self-service reset (${flows} flows), ms of CPU`, flowSteps);
  const whole = (k: keyof Row) =>
    round(
      Object.values(flowSteps).reduce((sum, t) => sum + t[k] / t.n, 0),
      1,
    );
  line("the whole flow", { app: whole("app"), hashing: whole("hashing"), postgres: whole("postgres") });
  table(`the floor of a request (${flows} each)`, totals);
  return {
    flows,
    steps: Object.fromEntries(Object.entries(flowSteps).map(([k, t]) => [k, per(t)])),
    floors: Object.fromEntries(Object.entries(totals).map(([k, t]) => [k, per(t)])),
  };
}

/** The time to draw one captcha image with nothing else running (median of 15, after one to warm up). */
export function captchaImageAloneMs(): number {
  const times: number[] = [];
  for (let i = 0; i < 16; i++) {
    const t0 = performance.now();
    renderCaptchaPng(generateCaptchaText());
    times.push(performance.now() - t0);
  }
  return median(times.slice(1));
}

/** The server's count of argon2 operations so far (/metrics: every hash and verify passes the queue once). */
export async function argon2Operations(http: Pool, metricsToken: string): Promise<number> {
  const res = await http.request({ path: "/metrics", method: "GET", headers: { authorization: `Bearer ${metricsToken}` } });
  const text = await res.body.text();
  const m = /^postkey_argon2_queue_wait_seconds_count(?:\{[^}]*\})? (\d+)/m.exec(text);
  if (res.statusCode !== 200 || !m) throw new Error(`/metrics answered ${res.statusCode} without the argon2 count`);
  return Number(m[1]);
}
