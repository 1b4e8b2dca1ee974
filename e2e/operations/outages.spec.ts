import { spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { Client } from "pg";
import { throwawayPostgres, type ThrowawayPostgres } from "../../tests/support/services";
import { actionId } from "../../tests/support/raw-action";
import { cookiePair, postAction, sentTo } from "../support/actions";
import { startApp, type AppProcess } from "../support/app-process";
import { E2E_PORT, twilioStubEnv } from "../support/e2e-env";
import { expect, latestCode, test } from "../support/fixtures";
import { DEMO } from "../../tests/support/demo-accounts";

/**
 * A PostgreSQL of its own (initdb + pg_ctl in a temp folder) that the test
 * stops and starts under a running production instance: pages answer the
 * 503 page, actions a form error, nothing is half-written, and the instance
 * recovers by itself. Then SIGTERM: /readyz says 503 while it drains, the
 * request in flight finishes, new connections are refused, exit 0.
 */
const PORT = E2E_PORT + 6;
const PG_PORT = E2E_PORT + 1006;
const BASE = `http://localhost:${PORT}`;
const METRICS_TOKEN = "outage-metrics-token-0123456789";
const UNAVAILABLE = "The service is temporarily unavailable. Try again in a minute.";
const root = path.resolve(import.meta.dirname, "../..");

let pg: ThrowawayPostgres;
let app: AppProcess;

test.describe.configure({ mode: "serial" });

async function sql<T>(query: string, values: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: pg.url });
  await c.connect();
  try {
    return (await c.query(query, values)).rows as T[];
  } finally {
    await c.end();
  }
}

test.beforeAll(async () => {
  pg = throwawayPostgres(PG_PORT);
  // Migrations and the demo data, the way `npm start` prepares a local run.
  const env = { ...process.env, DATABASE_URL: pg.url, APP_ENV: "test", NODE_OPTIONS: "" };
  const prepared = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/serve.ts", "--prepare-only"], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  expect(prepared.status, prepared.stderr + prepared.stdout).toBe(0);
  app = await startApp({
    name: "outages",
    port: PORT,
    env: {
      DATABASE_URL: pg.url,
      APP_ENV: "test",
      SESSION_SECRET: process.env.SESSION_SECRET,
      ...twilioStubEnv(),
      METRICS_TOKEN,
      SHUTDOWN_DELAY_MS: "1500",
    },
  });
});

test.afterAll(async () => {
  await app?.stop("SIGKILL");
  pg?.remove();
});

const html = (p: string, headers: Record<string, string> = {}) => fetch(`${BASE}${p}`, { headers: { Accept: "text/html", ...headers } });

test("PostgreSQL stopped: the 503 page, a form error, nothing half-written; back by itself when PostgreSQL is", async ({ page }) => {
  const password = await postAction(BASE, "/login", "logOnAction", { email: DEMO.postmaster.email, password: DEMO.postmaster.password });
  const pending = cookiePair(password.cookies.find((c) => c.startsWith("postkey_two_step="))!);
  const sentAfter = Date.now();
  await postAction(BASE, "/login/two-step", "sendLogonCodeAction", {}, pending);
  const code = await latestCode(DEMO.postmaster.mobile, sentAfter);
  const logon = await postAction(BASE, "/login/two-step", "verifySecondStepAction", { method: "SMS", code }, pending);
  const postmaster = cookiePair(logon.cookies.find((c) => c.startsWith("postkey_mail="))!);
  const [alice] = await sql<{ id: string }>(`SELECT id FROM "MailAccount" WHERE address = $1`, [DEMO.alice.email]);
  const auditsBefore = (await sql<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent"`))[0].n;

  pg.stop();

  // Pages: the 503 page at once (the pool saw its connections end), with Retry-After, in the visitor's language.
  await expect.poll(async () => (await html("/login")).status, { timeout: 10_000 }).toBe(503);
  const login = await html("/login");
  expect(login.headers.get("retry-after")).toBe("60");
  expect(await login.text()).toContain(UNAVAILABLE);
  expect(await (await html("/forgot-password", { Cookie: "locale=zh-CN" })).text()).toContain("服务暂时不可用，请一分钟后再试。");
  await page.goto(`${BASE}/forgot-password`);
  await expect(page.getByRole("alert")).toHaveText(UNAVAILABLE);
  await page.screenshot({ path: test.info().outputPath("database-outage.png") });
  expect((await fetch(`${BASE}/healthz`)).status).toBe(200);
  const ready = await fetch(`${BASE}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({ status: "not_ready", checks: { database: "failing" } });

  // Actions: a form error, nothing written. The postmaster's reset of Alice's password:
  const reset = await postAction(
    BASE,
    `/admin/accounts/${alice.id}`,
    "resetPasswordAction",
    { accountId: alice.id, password: "Quiet#Harbor2027", confirmPassword: "Quiet#Harbor2027", mustChangePassword: "on" },
    postmaster,
  );
  expect(reset.status).toBe(200);
  expect(reset.text).toContain(UNAVAILABLE);
  const attempt = await postAction(BASE, "/login", "logOnAction", { email: DEMO.alice.email, password: DEMO.alice.password });
  expect(attempt.text).toContain(UNAVAILABLE);
  expect(attempt.cookies.filter((c) => c.startsWith("postkey_mail="))).toEqual([]);

  pg.start();

  // Back without a restart: the same process answers pages again within seconds.
  await expect.poll(async () => (await html("/login")).status, { timeout: 15_000 }).toBe(200);
  expect(app.child.exitCode).toBeNull();
  expect((await fetch(`${BASE}/readyz`)).status).toBe(200);
  // Nothing half-written: the old password still opens, and no audit event appeared during the outage.
  expect((await sql<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent"`))[0].n).toBe(auditsBefore);
  const again = await postAction(BASE, "/login", "logOnAction", { email: DEMO.alice.email, password: DEMO.alice.password });
  expect(sentTo(again)).toMatch(/^\/account/);
  expect(await sql(`SELECT 1 FROM "AuditEvent" WHERE action = 'password.reset.postmaster' AND "targetId" = $1`, [alice.id])).toEqual([]);

  // One log line when it went, one when it came back; the metrics saw the 503s.
  expect(app.output().match(/the database is unreachable/g)).toHaveLength(1);
  expect(app.output().match(/the database is reachable again/g)).toHaveLength(1);
  const metrics = await (await fetch(`${BASE}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  expect(metrics).toMatch(/postkey_http_request_duration_seconds_count\{route="\/login",method="GET",status="503"\} [1-9]/);
  expect(metrics).toMatch(
    /postkey_logon_failures_total|postkey_http_request_duration_seconds_count\{route="\/login",method="POST",status="200"\}/,
  );
});

test("/metrics exists only for the bearer of METRICS_TOKEN", async () => {
  expect((await fetch(`${BASE}/metrics`)).status).toBe(404);
  expect((await fetch(`${BASE}/metrics`, { headers: { Authorization: "Bearer wrong-token-0123456789" } })).status).toBe(404);
  const ok = await fetch(`${BASE}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(ok.status).toBe(200);
  expect(await ok.text()).toContain('postkey_db_pool_connections{pool="app",state="total"}');
});

test("SIGTERM: /readyz 503 while draining, the request in flight finishes, new connections are refused, exit 0", async () => {
  // A request in flight: a logon's headers sent, its body not yet (Next waits for the whole form).
  const form = new FormData();
  form.append("_1_email", DEMO.alice.email);
  form.append("_1_password", "Not#ThePassword1");
  form.append("0", '[{"status":"idle"},"$K1"]');
  const encoded = new Request(BASE, { method: "POST", body: form });
  const body = Buffer.from(await encoded.arrayBuffer());
  const socket = net.connect(PORT, "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  let answer = "";
  socket.on("data", (d) => (answer += d));
  socket.write(
    [
      "POST /login HTTP/1.1",
      `Host: localhost:${PORT}`,
      `Origin: ${BASE}`,
      `Next-Action: ${actionId("logOnAction")}`,
      "Accept: text/x-component",
      `Content-Type: ${encoded.headers.get("content-type")}`,
      `Content-Length: ${body.length}`,
      "",
      "",
    ].join("\r\n"),
  );
  socket.write(body.subarray(0, 16));

  app.child.kill("SIGTERM");
  await expect.poll(async () => (await fetch(`${BASE}/readyz`)).status, { timeout: 5_000 }).toBe(503);
  expect(await (await fetch(`${BASE}/readyz`)).json()).toMatchObject({ checks: { accepting: "failing" } });

  // After SHUTDOWN_DELAY_MS the server stops accepting; the request in flight still gets its answer.
  await expect
    .poll(
      () =>
        fetch(`${BASE}/healthz`).then(
          () => "accepted",
          () => "refused",
        ),
      { timeout: 10_000 },
    )
    .toBe("refused");
  socket.write(body.subarray(16));
  await expect.poll(() => answer, { timeout: 10_000 }).toContain("Incorrect email address or password.");
  expect(answer).toMatch(/^HTTP\/1\.1 200/);
  expect(answer).toMatch(/connection: close/i);
  expect(await app.exited).toBe(0);
  expect(app.output()).toContain("Postkey stopped.");
});
