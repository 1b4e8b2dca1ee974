import { startApp, type AppProcess } from "../support/app-process";
import { cookiePair, postAction, sentTo } from "../support/actions";
import { E2E_PORT, e2eDatabaseUrl, twilioStubEnv } from "../support/e2e-env";
import { expect, test } from "../support/fixtures";
import { DEMO } from "../../tests/support/demo-accounts";

/**
 * The same build, started as a deployment (a DATABASE_URL, no APP_ENV, an
 * https APP_URL, a real SMS provider) behind nothing: no outbox, no captcha
 * test word, `__Host-` Secure cookies, HSTS, and a clean drain on SIGTERM.
 * The browser-facing address is http://localhost (a TLS proxy would sit in front).
 */
const PORT = E2E_PORT + 2;
const BASE = `http://localhost:${PORT}`;
let app: AppProcess;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  app = await startApp({
    name: "deployment",
    port: PORT,
    env: {
      DATABASE_URL: e2eDatabaseUrl(),
      APP_URL: "https://mail.example.test",
      SESSION_SECRET: process.env.SESSION_SECRET,
      ...twilioStubEnv(),
      // A deployment sends mail by SMTP; nothing these tests do sends any.
      EMAIL_PROVIDER: "smtp",
      SMTP_URL: "smtp://127.0.0.1:2525",
    },
  });
});

test.afterAll(async () => {
  await app.stop("SIGKILL");
});

test("a deployment with no HOST listens on every interface (its proxy or balancer decides who reaches it)", async () => {
  expect(app.output()).toContain(`listening on port ${PORT} (every interface)`);
  expect((await fetch(`http://127.0.0.1:${PORT}/healthz`)).status).toBe(200);
  expect((await fetch(`http://[::1]:${PORT}/healthz`)).status).toBe(200);
});

test("the SMS and mail outboxes do not exist on a deployment", async () => {
  expect((await fetch(`${BASE}/dev/sms`)).status).toBe(404);
  expect((await fetch(`${BASE}/dev/mail`)).status).toBe(404);
});

test("pages carry HSTS, and every cookie is __Host-, Secure, HttpOnly, Path=/", async () => {
  const page = await fetch(`${BASE}/login`);
  expect(page.headers.get("strict-transport-security")).toContain("max-age=");
  expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  const captcha = await fetch(`${BASE}/captcha`);
  const [line] = captcha.headers.getSetCookie();
  expect(line).toMatch(/^__Host-postkey_captcha=[\w-]+;/);
  expect(line).toMatch(/; Secure/i);
  expect(line).toMatch(/; HttpOnly/i);
  expect(line).toMatch(/; Path=\//i);
  expect(line).not.toMatch(/Domain=/i);
});

test("the captcha test word is refused; the recovery cookie is __Host-, SameSite=Strict", async () => {
  // Server-only modules load in the worker (react-server condition), not when the runner lists tests.
  const { createCaptchaChallenge } = await import("@/server/captcha/create-captcha");
  const meta = { ip: "127.0.0.1", userAgent: "e2e" };
  const testWord = await createCaptchaChallenge({}, meta);
  if (!testWord.ok) throw new Error("captcha rate limited");
  const refused = await postAction(
    BASE,
    "/forgot-password",
    "startRecoveryAction",
    { email: DEMO.alice.email, captcha: "PASSED" },
    `__Host-postkey_captcha=${testWord.id}`,
  );
  expect(refused.text).toContain("The image verification code is incorrect.");
  expect(refused.cookies.filter((c) => c.startsWith("__Host-postkey_recovery"))).toEqual([]);

  const drawn = await createCaptchaChallenge({ text: "K7M4Q" }, meta);
  if (!drawn.ok) throw new Error("captcha rate limited");
  const started = await postAction(
    BASE,
    "/forgot-password",
    "startRecoveryAction",
    { email: DEMO.alice.email, captcha: "k7m4q" },
    `__Host-postkey_captcha=${drawn.id}`,
  );
  expect(sentTo(started)).toMatch(/^\/forgot-password/);
  const recovery = started.cookies.find((c) => c.startsWith("__Host-postkey_recovery="));
  expect(recovery).toMatch(/^__Host-postkey_recovery=[\w-]{22}\.[\w-]{22}; Path=\/; .*/);
  expect(recovery).toMatch(/; Secure/i);
  expect(recovery).toMatch(/; SameSite=strict/i);
});

test("Log Off ends the session on the server: the copied cookie is refused afterwards", async () => {
  const logon = await postAction(BASE, "/login", "logOnAction", { email: DEMO.carol.email, password: DEMO.carol.password });
  expect(sentTo(logon)).toMatch(/^\/account/);
  const line = logon.cookies.find((c) => c.startsWith("__Host-postkey_mail="));
  expect(line).toMatch(/; Secure/i);
  const copy = cookiePair(line!);
  const open = (cookie: string) => fetch(`${BASE}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
  expect((await open(copy)).status).toBe(200);

  await postAction(BASE, "/account", "logOutMail", {}, copy);
  const replayed = await open(copy);
  expect(replayed.status).toBe(307);
  expect(replayed.headers.get("location")).toMatch(/\/login$/);
});

test("SIGTERM drains and exits 0", async () => {
  expect(await app.stop("SIGTERM")).toBe(0);
  expect(app.output()).toContain("Postkey stopped.");
});
