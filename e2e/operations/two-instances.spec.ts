import { randomBytes, randomInt } from "node:crypto";
import { unsealData } from "iron-session";
import { getDb } from "@/server/db";
import { startApp, type AppProcess } from "../support/app-process";
import { CookieJar } from "../../tests/support/raw-action";
import { postAction, sentTo, type RawResponse } from "../support/actions";
import { E2E_PORT, e2eDatabaseUrl, twilioStubEnv } from "../support/e2e-env";
import { createEmployee, expect, latestCode, stubMessages, test } from "../support/fixtures";
import { fetchFrom, startRoundRobinProxy, type RoundRobinProxy } from "../support/round-robin-proxy";
import { throwawayRedis, type ThrowawayRedis } from "../../tests/support/services";
import { DEMO } from "../../tests/support/demo-accounts";

/**
 * Postkey as several stateless instances behind a load balancer: two
 * production processes (A and B) on one PostgreSQL database and one Redis,
 * behind a round-robin proxy that sets X-Forwarded-For (TRUST_PROXY=1).
 * Everything goes through real HTTP: sessions, logon limits, the Forgot
 * Password wizard, per-IP and SMS caps, and a SESSION_SECRET rotation.
 */
type Upstream = "a" | "b";
const PORTS = { a: E2E_PORT + 3, b: E2E_PORT + 4 } as const;
const PROXY_PORT = E2E_PORT + 5;
const REDIS_PORT = E2E_PORT + 1005;
/** Two secrets: the one the pair starts with, and the one it rotates to. */
const S1 = randomBytes(36).toString("base64url");
const S2 = randomBytes(36).toString("base64url");
const INCORRECT = "Incorrect email address or password.";
const TOO_MANY_CODES = /Too many codes were requested\. Try again in \d+ minutes? or use another method\./;

let redis: ThrowawayRedis;
let proxy: RoundRobinProxy;
const apps: Partial<Record<Upstream, AppProcess>> = {};

function instanceEnv(secrets: { current: string; previous?: string; smsHourlyCap?: number }): Record<string, string | undefined> {
  return {
    DATABASE_URL: e2eDatabaseUrl(),
    APP_ENV: "test",
    APP_URL: `http://127.0.0.1:${PROXY_PORT}`,
    CAPTCHA_TEST_MODE: "1",
    TRUST_PROXY: "1",
    REDIS_URL: redis.url,
    SESSION_SECRET: secrets.current,
    SESSION_SECRET_PREVIOUS: secrets.previous,
    SMS_HOURLY_CAP: secrets.smsHourlyCap === undefined ? undefined : String(secrets.smsHourlyCap),
    ...twilioStubEnv(),
  };
}

async function startPair(secrets: Parameters<typeof instanceEnv>[0]): Promise<void> {
  const env = instanceEnv(secrets);
  [apps.a, apps.b] = await Promise.all(
    (["a", "b"] as const).map((name) => startApp({ name: `two-instances-${name}`, port: PORTS[name], env })),
  );
}

/** SIGTERM to both; each drains and exits on its own. */
async function stopPair(): Promise<Array<number | null>> {
  return Promise.all([apps.a?.stop(), apps.b?.stop()].map((p) => p ?? Promise.resolve(null)));
}

/** One client of the load balancer: its cookies and the loopback address it connects from. */
interface Client {
  jar: CookieJar;
  from: string;
}
const client = (from = "127.0.0.1"): Client => ({ jar: new CookieJar(), from });

interface Answer {
  status: number;
  served: string | null;
  location: string | null;
  text: string;
}

/** GET through the proxy; `on` pins the instance (and checks that it answered). */
async function open(c: Client, path: string, on?: Upstream): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (on) headers["x-upstream"] = on;
  const cookie = c.jar.header();
  if (cookie) headers.cookie = cookie;
  const res = await fetchFrom(c.from, `${proxy.url}${path}`, { headers });
  c.jar.take(res.headers.getSetCookie());
  const answer = {
    status: res.status,
    served: res.headers.get("x-upstream-served"),
    location: res.headers.get("location"),
    text: await res.text(),
  };
  if (on) expect(answer.served).toBe(on);
  return answer;
}

/** A server action through the proxy, on instance `on`, as the page at `path` sends it. */
async function act(c: Client, on: Upstream, path: string, action: string, fields: Record<string, string>): Promise<RawResponse> {
  const res = await postAction(proxy.url, path, action, fields, c.jar.header(), { headers: { "x-upstream": on }, localAddress: c.from });
  expect(res.headers.get("x-upstream-served")).toBe(on);
  c.jar.take(res.cookies);
  return res;
}

const redirectOf = sentTo;
const other = (on: Upstream): Upstream => (on === "a" ? "b" : "a");

/** A fresh captcha image from `on`: its challenge id lands in the client's cookie. */
async function drawCaptcha(c: Client, on: Upstream): Promise<void> {
  const image = await open(c, "/captcha", on);
  expect(image.status).toBe(200);
  expect(c.jar.get("postkey_captcha")).toBeTruthy();
}

async function logOn(c: Client, on: Upstream, email: string, password: string, captcha?: string): Promise<RawResponse> {
  return act(c, on, "/login", "logOnAction", { email, password, ...(captcha ? { captcha } : {}) });
}

/** Step 1 of Forgot Password: the image from `imageOn`, the form checked on `checkOn`. */
async function startRecovery(c: Client, address: string, imageOn: Upstream, checkOn: Upstream): Promise<RawResponse> {
  await drawCaptcha(c, imageOn);
  return act(c, checkOn, "/forgot-password", "startRecoveryAction", { email: address, captcha: "PASSED" });
}

/** A new flow for `address` and one "Send code": true when the code went out, else the refusal's text. */
async function sendRecoverySms(from: string, address: string, on: Upstream): Promise<true | string> {
  const c = client(from);
  const started = await startRecovery(c, address, on, other(on));
  expect(redirectOf(started)).toBe("/forgot-password");
  const sent = await act(c, on, "/forgot-password", "sendCodeAction", { method: "SMS" });
  return redirectOf(sent) === "/forgot-password" ? true : sent.text;
}

/** A number of +1 628 no other test uses, so the stub's messages to it are this test's only. */
const uniqueMobile = () => `+1628${String(randomInt(2_000_000, 9_999_999))}`;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = throwawayRedis(REDIS_PORT);
  await redis.start();
  await startPair({ current: S1 });
  proxy = await startRoundRobinProxy({ port: PROXY_PORT, upstreams: PORTS });
});

test.afterAll(async () => {
  await proxy?.close();
  await stopPair();
  await redis?.stop();
});

test("the proxy takes turns between A and B, and each instance sees the client's address, not the proxy's", async () => {
  const c = client("127.0.0.3");
  const served: Array<string | null> = [];
  for (let i = 0; i < 4; i++) {
    const page = await open(c, "/login");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Log On");
    served.push(page.served);
  }
  expect(served.sort()).toEqual(["a", "a", "b", "b"]);

  // A failed logon on each instance is audited with the client's address (127.0.0.3), not the proxy's (127.0.0.1).
  for (const on of ["a", "b"] as const) {
    const address = `two-instances-${on}-${Date.now()}@example.com`;
    const refused = await logOn(c, on, address, "Wrong#Guess2026");
    expect(refused.text).toContain(INCORRECT);
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { action: "logon.failure", actorLabel: address } });
    expect(event.ip).toBe("127.0.0.3");
  }
  // An X-Forwarded-For the client makes up stays in front of the proxy's entry: the instance still takes the socket's.
  const forged = await fetchFrom("127.0.0.3", `${proxy.url}/captcha`, { headers: { "x-forwarded-for": "203.0.113.9" } });
  expect(forged.status).toBe(200);
  const jar = new CookieJar();
  jar.take(forged.headers.getSetCookie());
  const challenge = await getDb().captchaChallenge.findUniqueOrThrow({ where: { id: jar.get("postkey_captcha")! } });
  expect(challenge.ip).toBe("127.0.0.3");
});

test("a session opened on A works on B; Log Off on B ends it on A", async () => {
  const u = await createEmployee();
  const c = client();
  const logon = await logOn(c, "a", u.address, u.password);
  expect(redirectOf(logon)).toBe("/account");
  expect(c.jar.get("postkey_mail")).toBeTruthy();

  const onB = await open(c, "/account", "b");
  expect(onB.status).toBe(200);
  expect(onB.text).toContain(u.address);
  // Unpinned, the proxy alternates: both instances serve the same session.
  const both = [await open(c, "/account"), await open(c, "/account")];
  expect(both.map((p) => p.status)).toEqual([200, 200]);
  expect(new Set(both.map((p) => p.served))).toEqual(new Set(["a", "b"]));

  const copy = c.jar.header();
  const logOff = await act(c, "b", "/account", "logOutMail", {});
  expect(redirectOf(logOff)).toMatch(/^\/login/);
  const replayed = await fetchFrom("127.0.0.1", `${proxy.url}/account`, { headers: { cookie: copy, "x-upstream": "a" } });
  expect(replayed.status).toBe(307);
  expect(replayed.headers.get("location")).toMatch(/\/login$/);
});

test("a postmaster's reset on B signs the employee out on A", async () => {
  const u = await createEmployee();
  const employee = client();
  expect(redirectOf(await logOn(employee, "a", u.address, u.password))).toBe("/account");
  expect((await open(employee, "/account", "a")).status).toBe(200);

  const postmaster = client();
  // The password on B, the second step's code sent from A and checked on B.
  expect(redirectOf(await logOn(postmaster, "b", DEMO.postmaster.email, DEMO.postmaster.password))).toBe("/login/two-step");
  const sentAfter = Date.now();
  expect(redirectOf(await act(postmaster, "a", "/login/two-step", "sendLogonCodeAction", {}))).toBe("/login/two-step");
  const code = await latestCode(DEMO.postmaster.mobile, sentAfter);
  expect(redirectOf(await act(postmaster, "b", "/login/two-step", "verifySecondStepAction", { method: "SMS", code }))).toBe("/admin");
  const reset = await act(postmaster, "b", `/admin/accounts/${u.id}`, "resetPasswordAction", {
    accountId: u.id,
    password: "Quiet#Harbor2027",
    confirmPassword: "Quiet#Harbor2027",
  });
  expect(redirectOf(reset)).toMatch(new RegExp(`^/admin/accounts/${u.id}\\?notice=password-reset`));

  const signedOut = await open(employee, "/account", "a");
  expect(signedOut.status).toBe(307);
  expect(signedOut.location).toMatch(/\/login$/);
  // The new password works on A, and asks for a change first (the postmaster's default).
  const again = await logOn(client(), "a", u.address, "Quiet#Harbor2027");
  expect(redirectOf(again)).toBe("/account/change-password");
});

test("logon failures split across A and B reach the captcha rule at 5 and the lock at 10", async () => {
  const u = await createEmployee();
  const c = client();
  const flag = (res: RawResponse) => /"captchaRequired":(true|false)/.exec(res.text)?.[1];
  // Failures 1–5 alternate A, B, A, B, A: the 5th (wherever it lands) turns the captcha on.
  for (let i = 1; i <= 5; i++) {
    const res = await logOn(c, i % 2 ? "a" : "b", u.address, `Wrong#Guess${i}x`);
    expect(res.text).toContain(INCORRECT);
    expect(flag(res)).toBe(i < 5 ? "false" : "true");
  }
  // B, which saw two failures itself, asks for the image code.
  const noCaptcha = await logOn(c, "b", u.address, "Wrong#Guess6x");
  expect(noCaptcha.text).toContain("Enter the characters shown in the image to continue.");
  // Failures 6–10: the image drawn on one instance, the form checked on the other.
  for (let i = 6; i <= 10; i++) {
    const on: Upstream = i % 2 ? "a" : "b";
    await drawCaptcha(c, other(on));
    const res = await logOn(c, on, u.address, `Wrong#Guess${i}x`, "PASSED");
    expect(res.text).toContain(INCORRECT);
    const { lockedUntil } = await getDb().mailAccount.findUniqueOrThrow({ where: { id: u.id }, select: { lockedUntil: true } });
    expect(lockedUntil === null).toBe(i < 10);
  }
  // The 10th locked the account for 15 minutes (the count starts again from 0 for the next lock).
  const row = await getDb().mailAccount.findUniqueOrThrow({ where: { id: u.id }, select: { lockCount: true, lockedUntil: true } });
  expect(row.lockCount).toBe(1);
  expect(row.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  expect(await getDb().auditEvent.count({ where: { action: "account.locked", targetId: u.id } })).toBe(1);
  // Locked: the right password gets the same message on either instance, and no session.
  for (const on of ["a", "b"] as const) {
    await drawCaptcha(c, other(on));
    const res = await logOn(c, on, u.address, u.password, "PASSED");
    expect(redirectOf(res)).toBeNull();
    expect(res.text).toContain(INCORRECT);
    expect(c.jar.get("postkey_mail")).toBeUndefined();
  }
});

test("a Forgot Password flow started on A continues on B: captcha checked on B, SMS code entered on B", async () => {
  const mobile = uniqueMobile();
  const u = await createEmployee({ mobile });
  const session = client();
  expect(redirectOf(await logOn(session, "b", u.address, u.password))).toBe("/account");

  const c = client();
  expect((await open(c, "/forgot-password", "a")).status).toBe(200);
  const started = await startRecovery(c, u.address, "a", "b");
  expect(redirectOf(started)).toBe("/forgot-password");
  expect(c.jar.get("postkey_recovery")).toMatch(/^[\w-]{22}\.[\w-]{22}$/);
  // The challenge A drew was consumed by B's check.
  const challenge = await getDb().captchaChallenge.findUniqueOrThrow({ where: { id: c.jar.get("postkey_captcha")! } });
  expect(challenge.usedAt).not.toBeNull();

  const verify = await open(c, "/forgot-password", "a");
  expect(verify.text).toContain("Receive an SMS verification code on your secure mobile");
  const after = Date.now();
  const sent = await act(c, "a", "/forgot-password", "sendCodeAction", { method: "SMS" });
  expect(redirectOf(sent)).toBe("/forgot-password");
  const code = await latestCode(mobile, after);

  const verified = await act(c, "b", "/forgot-password", "verifyCodeAction", { code });
  expect(redirectOf(verified)).toBe("/forgot-password");
  expect((await open(c, "/forgot-password", "b")).text).toContain("Set a new password");

  const done = await act(c, "a", "/forgot-password", "completeRecoveryAction", {
    password: "Calm#Estuary2027",
    confirmPassword: "Calm#Estuary2027",
  });
  expect(redirectOf(done)).toBe("/forgot-password?done=1");
  expect(c.jar.get("postkey_recovery")).toBeUndefined();

  // The reset ended the session opened on B (A refuses it too), and the new password opens one on B.
  const ended = await open(session, "/account", "a");
  expect(ended.status).toBe(307);
  expect(redirectOf(await logOn(client(), "b", u.address, "Calm#Estuary2027"))).toBe("/account");
});

test("per-IP limits count the client, not the proxy: 30 images a minute per client across A and B", async () => {
  const busy = client("127.0.0.2");
  const served: Array<string | null> = [];
  for (let i = 1; i <= 30; i++) {
    const image = await open(busy, "/captcha");
    expect(image.status).toBe(200);
    served.push(image.served);
  }
  expect(served.filter((s) => s === "a")).toHaveLength(15);
  expect(served.filter((s) => s === "b")).toHaveLength(15);
  for (const on of ["a", "b"] as const) expect((await open(busy, "/captcha", on)).status).toBe(429);
  // Another client behind the same proxy is not affected.
  const calm = client("127.0.0.3");
  for (const on of ["a", "b"] as const) expect((await open(calm, "/captcha", on)).status).toBe(200);
});

test("SMS caps hold across A and B: 5 an hour per account, 10 an hour per client", async () => {
  const mobiles = [uniqueMobile(), uniqueMobile(), uniqueMobile()];
  const [x, y, z] = await Promise.all(mobiles.map((mobile) => createEmployee({ mobile })));
  const [first, second] = ["127.0.0.4", "127.0.0.5"];

  for (let i = 0; i < 5; i++) expect(await sendRecoverySms(first, x.address, i % 2 ? "b" : "a")).toBe(true);
  // The 6th for x, from another client: the account's hourly cap, counted on both instances.
  expect(await sendRecoverySms(second, x.address, "b")).toMatch(TOO_MANY_CODES);
  expect(await sendRecoverySms(second, x.address, "a")).toMatch(TOO_MANY_CODES);

  for (let i = 0; i < 5; i++) expect(await sendRecoverySms(first, y.address, i % 2 ? "a" : "b")).toBe(true);
  // The first client has had 10 codes (5 from each instance): no 11th, on either; the second client still gets one.
  expect(await sendRecoverySms(first, z.address, "a")).toMatch(TOO_MANY_CODES);
  expect(await sendRecoverySms(first, z.address, "b")).toMatch(TOO_MANY_CODES);
  expect(await sendRecoverySms(second, z.address, "b")).toBe(true);

  await expect.poll(async () => Promise.all(mobiles.map(async (m) => (await stubMessages(m)).length))).toEqual([5, 5, 1]);
});

test("SESSION_SECRET rotation: with SESSION_SECRET_PREVIOUS, old cookies still open on A and B, new ones are sealed with the new secret", async () => {
  test.setTimeout(120_000);
  const mobile = uniqueMobile();
  const u = await createEmployee({ mobile });
  const before = client();
  expect(redirectOf(await logOn(before, "a", u.address, u.password))).toBe("/account");
  const oldSeal = decodeURIComponent(before.jar.get("postkey_mail")!);
  expect(await unsealData(oldSeal, { password: { 1: S1 } })).toMatchObject({ accountId: u.id });
  // A Forgot Password flow in flight: its cookie and its SMS code are from before the rotation.
  const recovering = client();
  expect(redirectOf(await startRecovery(recovering, u.address, "a", "b"))).toBe("/forgot-password");
  const sentAt = Date.now();
  expect(redirectOf(await act(recovering, "b", "/forgot-password", "sendCodeAction", { method: "SMS" }))).toBe("/forgot-password");
  const code = await latestCode(mobile, sentAt);

  // Both instances restart: S2 seals, S1 still opens.
  expect(await stopPair()).toEqual([0, 0]);
  for (const app of [apps.a!, apps.b!]) expect(app.output()).toContain("Postkey stopped.");
  await startPair({ current: S2, previous: S1 });

  for (const on of ["a", "b"] as const) {
    const page = await open(before, "/account", on);
    expect(page.status).toBe(200);
    expect(page.text).toContain(u.address);
  }
  const verified = await act(recovering, "a", "/forgot-password", "verifyCodeAction", { code });
  expect(redirectOf(verified)).toBe("/forgot-password");
  expect((await open(recovering, "/forgot-password", "b")).text).toContain("Set a new password");

  const after = client();
  expect(redirectOf(await logOn(after, "b", u.address, u.password))).toBe("/account");
  const newSeal = decodeURIComponent(after.jar.get("postkey_mail")!);
  expect(newSeal).not.toBe(oldSeal);
  expect(await unsealData(newSeal, { password: { 2: S2 } })).toMatchObject({ accountId: u.id });
  expect(await unsealData(newSeal, { password: { 2: S1 } })).toEqual({});
  expect(await unsealData(newSeal, { password: { 1: S1 } })).toEqual({});
  expect((await open(after, "/account", "a")).status).toBe(200);
});

test("the global hourly SMS cap holds across A and B", async () => {
  test.setTimeout(120_000);
  const [x, y] = await Promise.all([uniqueMobile(), uniqueMobile()].map((mobile) => createEmployee({ mobile })));
  // Every SMS of the last hour in this database counts (the e2e server's too): room for exactly two more.
  const recent = await getDb().smsMessage.count({
    where: { createdAt: { gte: new Date(Date.now() - 3_600_000) }, status: { not: "FAILED" } },
  });
  expect(await stopPair()).toEqual([0, 0]);
  await startPair({ current: S2, previous: S1, smsHourlyCap: recent + 2 });

  expect(await sendRecoverySms("127.0.0.6", x.address, "a")).toBe(true);
  expect(await sendRecoverySms("127.0.0.6", y.address, "b")).toBe(true);
  for (const on of ["a", "b"] as const) {
    expect(await sendRecoverySms("127.0.0.7", y.address, on)).toContain("Codes cannot be sent right now.");
  }
  const refused = await getDb().smsMessage.count({ where: { accountId: y.id, status: "FAILED", errorCode: "hourly_cap" } });
  expect(refused).toBe(2);
});
