import { type Pool } from "undici";
import { randomBytes } from "node:crypto";
import { actionId, CookieJar, redirectTarget } from "../tests/support/raw-action";
import { actionBody, clientIp, postAction } from "./http-client";

/** `bench -- http`'s flows: a logon, the two resets and the accounts they run on, as the forms post them. */

/** One successful logon, posted as the logon form's server action (its form encoded once); its latency in ms. */
export async function logOn(http: Pool, base: string, id: string, form: ReturnType<typeof actionBody>): Promise<number> {
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
export async function refusedLogOn(http: Pool, base: string, id: string, form: ReturnType<typeof actionBody>): Promise<number> {
  const t0 = performance.now();
  const res = await postAction(http, base, "/login", id, form);
  if (res.status !== 200 || !res.text.includes('"status":"error"') || res.headers["set-cookie"])
    throw new Error(`the empty logon form answered ${res.status}: ${res.text.slice(0, 300)}`);
  return performance.now() - t0;
}

/** A signed-in postmaster's cookie, made as the e2e tests make it (the app's own session row and sealing). */
export async function postmasterCookie(login: string): Promise<string> {
  const { sealData } = await import("iron-session");
  const { getDb } = await import("../src/server/db");
  const { createSessionRecord } = await import("../src/server/auth/session-store");
  const { sessionOptions } = await import("../src/server/auth/session-options");
  const account = await getDb().mailAccount.findUniqueOrThrow({ where: { address: login }, select: { id: true, sessionVersion: true } });
  const sessionId = await createSessionRecord({ kind: "mail", account }, { ip: "127.0.0.1", userAgent: "bench" });
  const options = sessionOptions("mail", false);
  const t = Date.now();
  const value = await sealData(
    { accountId: account.id, sessionId, version: account.sessionVersion, loggedInAt: t, lastSeenAt: t },
    { password: options.password, ttl: options.ttl },
  );
  return `${options.cookieName}=${value}`;
}

/**
 * `count` employees of example.com named `<prefix>-<i>` (address `<prefix>.user<i>@example.com`, display
 * name "<Prefix> User 000042") with the demo accounts' password hash, in one statement on the server
 * (generate_series): 100,000 in seconds. Optionally spread over the domain's departments, with a verified
 * secure mobile, and with a full password history (a reset's worst case: every history verify runs).
 */
export async function seedEmployees(prefix: string, count: number, opts: { departments?: string[]; mobile?: boolean; history?: boolean }) {
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
export async function postmasterResets(base: string, http: Pool, cookie: string, count: number) {
  await seedEmployees("reset", count, { history: true });
  const id = actionId("resetPasswordAction");
  let next = 0;
  return async (): Promise<number> => {
    const accountId = `reset-${next++ % count}`;
    const password = `Qz${randomBytes(6).toString("base64url")}#7v`;
    const form = actionBody({ accountId, password, confirmPassword: password, mustChangePassword: "on" });
    const t0 = performance.now();
    const res = await postAction(http, base, `/admin/accounts/${accountId}`, id, form, { cookie });
    const to = redirectTarget(String(res.headers["x-action-redirect"] ?? ""), res.text) ?? "";
    if (res.status !== 200 || !to.includes("notice=password-reset"))
      throw new Error(`the reset answered ${res.status}, redirect ${to || "none"}`);
    return performance.now() - t0;
  };
}

/** Runs one request of a flow; --steps wraps each in a CPU measurement. */
export type Around = <T>(name: string, request: () => Promise<T>) => Promise<T>;

/**
 * Scenario 2 as a browser with JavaScript goes through it, for `count` fresh employees with a verified
 * secure mobile and a full password history: the image code (CAPTCHA_TEST_MODE's word), "Next", "Send
 * code" (the code read from the SMS outbox, as a phone would), "Next", then the new password twice.
 * Returns one whole reset per call; `around` runs each of its requests.
 */
export async function selfServiceResets(base: string, http: Pool, count: number, around: Around = (_, request) => request()) {
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
        const to = redirectTarget(String(res.headers["x-action-redirect"] ?? ""), res.text) ?? "";
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
