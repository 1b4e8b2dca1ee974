import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { getDb } from "@/server/db";
import { HOUR } from "@/server/clock";
import { sendSms, type SendSmsInput } from "@/server/sms/send-sms";
import { sendResetNotice } from "@/server/sms/send-reset-notice";
import { sendMobileNotice } from "@/server/sms/send-mobile-notice";
import { getSmsProvider, resetSmsProviderCache, setSmsProviderForTests } from "@/server/sms/provider";
import { createTwilioProvider } from "@/server/sms/twilio-provider";
import { isSmsOutboxAvailable } from "@/server/sms/list-sms-outbox";
import { resetDatabase } from "../support/db";
import { captureLogs, type CapturedLogs } from "../support/logs";
import {
  connectTwilioStub,
  STUB_NUMBER_INVALID,
  STUB_NUMBER_NOT_SMS_CAPABLE,
  STUB_NUMBER_RATE_LIMITED,
  STUB_NUMBER_REGION_BLOCKED,
  STUB_NUMBER_SERVER_ERROR,
  STUB_NUMBER_UNROUTABLE,
  STUB_NUMBER_UNSUBSCRIBED,
  TWILIO_STUB_ACCOUNT_SID,
  TWILIO_STUB_AUTH_TOKEN,
  TWILIO_STUB_FROM,
} from "../support/twilio-stub";
import { DEMO } from "../support/demo-accounts";

const stub = connectTwilioStub(process.env.TEST_TWILIO_STUB_URL as string);
const meta = { ip: "203.0.113.7", userAgent: "vitest" };
const TO = DEMO.alice.mobile;
let logs: CapturedLogs;
const T0 = new Date("2026-11-24T21:05:00.000Z");
const savedEnv = { ...process.env };

function configure(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  resetSmsProviderCache();
}

const twilioEnv = () => ({
  SMS_PROVIDER: "twilio",
  TWILIO_ACCOUNT_SID: TWILIO_STUB_ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: TWILIO_STUB_AUTH_TOKEN,
  TWILIO_FROM_NUMBER: TWILIO_STUB_FROM,
  TWILIO_API_BASE_URL: stub.url,
});

/** The Twilio provider against the stub, with retry delays short enough for a test. */
const fastTwilio = () =>
  createTwilioProvider({
    accountSid: TWILIO_STUB_ACCOUNT_SID,
    authToken: TWILIO_STUB_AUTH_TOKEN,
    from: TWILIO_STUB_FROM,
    baseUrl: stub.url,
    retryDelaysMs: [5, 10],
  });

const input = (over: Partial<SendSmsInput> = {}): SendSmsInput => ({
  to: TO,
  purpose: "RECOVERY_CODE",
  body: "Your Postkey verification code is 493817. It expires in 5 minutes.",
  redactedBody: "Your Postkey verification code is ••••••. It expires in 5 minutes.",
  actor: { kind: "ANONYMOUS" },
  meta,
  ...over,
});

// Time is frozen in these tests, so rows share a createdAt: read them as sets, not sequences.
const rows = () => getDb().smsMessage.findMany();
const audits = (action: string) => getDb().auditEvent.findMany({ where: { action } });

beforeEach(async () => {
  await resetDatabase();
  await stub.clear();
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
  configure({ ...twilioEnv(), SMS_HOURLY_CAP: "1000", NODE_ENV: "test" });
  logs = captureLogs("info");
});

afterEach(() => {
  logs.restore();
  setSmsProviderForTests(undefined);
  vi.useRealTimers();
  vi.restoreAllMocks();
});

afterAll(() => {
  process.env = savedEnv;
  resetEnvCache();
  resetSmsProviderCache();
});

describe("twilio provider through the stub", () => {
  it("sends with the real SDK and records the provider id and the redacted body", async () => {
    expect(getSmsProvider().name).toBe("twilio");
    const result = await sendSms(input({ accountId: null, domainId: null }));
    expect(result.ok).toBe(true);

    const sent = await stub.messages(TO);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: TO, from: TWILIO_STUB_FROM, body: input().body });

    const [row] = await rows();
    expect(row).toMatchObject({
      id: result.ok ? result.messageId : "",
      to: TO,
      purpose: "RECOVERY_CODE",
      provider: "twilio",
      status: "QUEUED",
      providerMessageId: sent[0].sid,
      body: input().redactedBody,
      errorCode: null,
    });
    expect(row.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(row.createdAt.toISOString()).toBe(T0.toISOString());

    const [event] = await audits("sms.sent");
    expect(event.result).toBe("SUCCESS");
    expect(event.detail).toMatchObject({ to: "+1 ••• ••• 0101", purpose: "RECOVERY_CODE" });
    const serialized = JSON.stringify(event);
    expect(serialized).not.toContain("493817");
    expect(serialized).not.toContain("4155550101");
  });

  it.each([
    [STUB_NUMBER_INVALID, "21211"],
    [STUB_NUMBER_NOT_SMS_CAPABLE, "21614"],
    [STUB_NUMBER_REGION_BLOCKED, "21408"],
    [STUB_NUMBER_UNSUBSCRIBED, "21610"],
    [STUB_NUMBER_UNROUTABLE, "21612"],
    [STUB_NUMBER_RATE_LIMITED, "20429"],
  ])("%s: Twilio error %s is final (send_failed, FAILED, audited, not retried)", async (to, code) => {
    const result = await sendSms(input({ to }));
    expect(result).toEqual({ ok: false, error: "send_failed" });
    expect(await stub.attempts()).toBe(1);
    const [row] = await rows();
    expect(row).toMatchObject({ status: "FAILED", errorCode: code, providerMessageId: null });
    const [event] = await audits("sms.failed");
    expect(event.result).toBe("FAILURE");
    expect(event.detail).toMatchObject({ errorCode: code, purpose: "RECOVERY_CODE" });
    expect(JSON.stringify(event.detail)).not.toContain(to.slice(1));
  });

  it("does not retry any 4xx", async () => {
    setSmsProviderForTests(fastTwilio());
    await stub.failNextWith(400, 1);
    expect(await sendSms(input())).toEqual({ ok: false, error: "send_failed" });
    expect(await stub.attempts()).toBe(1);
  });

  it("retries a 5xx twice: the third try succeeds", async () => {
    setSmsProviderForTests(fastTwilio());
    await stub.failNextWith(500, 2);
    const result = await sendSms(input());
    expect(result.ok).toBe(true);
    expect(await stub.attempts()).toBe(3);
    expect((await rows())[0]).toMatchObject({ status: "QUEUED" });
  });

  it("gives up after three tries of a 5xx", async () => {
    setSmsProviderForTests(fastTwilio());
    await stub.failNextWith(500, 3);
    expect(await sendSms(input())).toEqual({ ok: false, error: "send_failed" });
    expect(await stub.attempts()).toBe(3);
    expect((await rows())[0]).toMatchObject({ status: "FAILED", errorCode: "20500" });
    expect(await stub.messages()).toHaveLength(0);
  });

  it("retries a number that always answers 500 three times", async () => {
    setSmsProviderForTests(fastTwilio());
    expect(await sendSms(input({ to: STUB_NUMBER_SERVER_ERROR }))).toEqual({ ok: false, error: "send_failed" });
    expect(await stub.attempts()).toBe(3);
  });

  it("treats a refused connection as retryable, then fails cleanly", async () => {
    const provider = createTwilioProvider({ ...twilioCredentials(), baseUrl: "http://127.0.0.1:1", retryDelaysMs: [1, 1] });
    expect(await provider.send(TO, "hello")).toEqual({ ok: false, errorCode: "network", retryable: true });
  });

  it("times out a provider that does not answer", async () => {
    const silent = createServer(() => {}); // accepts the request, never answers
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      const baseUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const provider = createTwilioProvider({ ...twilioCredentials(), baseUrl, timeoutMs: 100, retryDelaysMs: [1, 1] });
      expect(await provider.send(TO, "hello")).toEqual({ ok: false, errorCode: "timeout", retryable: true });
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });

  it("gives up when the send's whole budget is spent, whatever the per-request timeout", async () => {
    const silent = createServer(() => {}); // accepts the request, never answers
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      const baseUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const provider = createTwilioProvider({ ...twilioCredentials(), baseUrl, timeoutMs: 10_000, budgetMs: 300, retryDelaysMs: [1, 1] });
      const started = performance.now();
      expect(await provider.send(TO, "hello")).toMatchObject({ ok: false, errorCode: "timeout" });
      expect(performance.now() - started).toBeLessThan(1_500);
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });

  it("fails cleanly (no throw) when the credentials are wrong", async () => {
    configure({ TWILIO_AUTH_TOKEN: "wrong-token" });
    expect(await sendSms(input())).toEqual({ ok: false, error: "send_failed" });
    expect((await rows())[0]).toMatchObject({ status: "FAILED", errorCode: "20003" });
  });
});

function twilioCredentials() {
  return { accountSid: TWILIO_STUB_ACCOUNT_SID, authToken: TWILIO_STUB_AUTH_TOKEN, from: TWILIO_STUB_FROM };
}

describe("global hourly cap", () => {
  beforeEach(() => configure({ SMS_PROVIDER: "console", SMS_HOURLY_CAP: "3" }));

  it("allows the Nth message of the hour and refuses the N+1th, loudly", async () => {
    for (let i = 0; i < 3; i++) expect((await sendSms(input())).ok).toBe(true);
    expect(await sendSms(input())).toEqual({ ok: false, error: "capped" });

    const all = await rows();
    expect(all.map((r) => r.status).sort()).toEqual(["FAILED", "SENT", "SENT", "SENT"]);
    expect(all.find((r) => r.status === "FAILED")).toMatchObject({ errorCode: "hourly_cap" });
    const [event] = await audits("sms.failed");
    expect(event).toMatchObject({ result: "REFUSED" });
    expect(event.detail).toMatchObject({ reason: "hourly_cap", to: "+1 ••• ••• 0101" });
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: "error", component: "sms", cap: 3, msg: "hourly cap of 3 reached: message refused" }),
    );
  });

  it("a send that timed out counts against the cap (the provider may still deliver it); a refused one does not", async () => {
    setSmsProviderForTests({ name: "twilio", send: async () => ({ ok: false, errorCode: "timeout", retryable: true }) });
    for (let i = 0; i < 3; i++) expect(await sendSms(input())).toEqual({ ok: false, error: "send_failed", mayHaveBeenSent: true });
    expect(await sendSms(input())).toEqual({ ok: false, error: "capped" });
    await resetDatabase();
    setSmsProviderForTests({ name: "twilio", send: async () => ({ ok: false, errorCode: "21211", retryable: false }) });
    for (let i = 0; i < 4; i++) expect(await sendSms(input())).toEqual({ ok: false, error: "send_failed" });
  });

  it("counts the last hour only, with the boundary inside the window", async () => {
    for (let i = 0; i < 3; i++) await sendSms(input());
    vi.setSystemTime(T0.getTime() + HOUR);
    expect(await sendSms(input())).toEqual({ ok: false, error: "capped" });
    vi.setSystemTime(T0.getTime() + HOUR + 1);
    expect((await sendSms(input())).ok).toBe(true);
  });

  it("does not count failed messages", async () => {
    for (let i = 0; i < 5; i++) expect(await sendSms(input({ to: "not-a-number" }))).toEqual({ ok: false, error: "send_failed" });
    for (let i = 0; i < 3; i++) expect((await sendSms(input())).ok).toBe(true);
  });

  it("holds under concurrent sends", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => sendSms(input())));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.error === "capped")).toHaveLength(5);
  });
});

describe("console provider", () => {
  it("stores the real body on a local run (no public APP_URL); the log says one was written, never the number or the text", async () => {
    configure({ SMS_PROVIDER: "console" });
    const result = await sendSms(input());
    expect(result.ok).toBe(true);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        component: "sms",
        provider: "console",
        recipient: "+1 ••• ••• 0101",
        msg: "SMS written to the outbox (/dev/sms)",
      }),
    );
    expect(logs.text()).not.toContain(TO);
    expect(logs.text()).not.toContain(input().body);
    expect((await rows())[0]).toMatchObject({ provider: "console", status: "SENT", body: input().body });
  });

  it("stores only the redacted body when no outbox may show it (a real provider)", async () => {
    configure(twilioEnv());
    try {
      await sendSms(input());
      expect((await rows())[0]).toMatchObject({ provider: "twilio", body: input().redactedBody });
    } finally {
      configure({ SMS_PROVIDER: "console" });
    }
  });

  const DEPLOYMENT = {
    APP_ENV: "production",
    APP_URL: "https://mail.example.com",
    SESSION_SECRET: "Zk3v9Qp2Lr8Wm4Tx6Yb1Nc5Hd7Gf0Js-Ua_Ie",
    EMAIL_PROVIDER: "smtp",
    SMTP_URL: "smtp://127.0.0.1:2525",
  };
  it.each([
    [{ APP_ENV: "test", SMS_PROVIDER: "console" }, true],
    [{ APP_ENV: "development", SMS_PROVIDER: "console", APP_URL: "https://mail.example.com" }, true],
    [{ APP_ENV: "test", ...twilioEnv() }, false],
    [{ ...DEPLOYMENT, ...twilioEnv() }, false],
  ])("the /dev/sms outbox exists with %o: %s (local run and console provider only)", (vars, available) => {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    configure(vars);
    try {
      expect(isSmsOutboxAvailable()).toBe(available);
    } finally {
      configure(saved);
    }
  });

  it("a deployment cannot even run the console provider: the configuration is refused", () => {
    const vars = { ...DEPLOYMENT, SMS_PROVIDER: "console" };
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    configure(vars);
    try {
      expect(() => isSmsOutboxAvailable()).toThrow(/SMS_PROVIDER: is "console"/);
    } finally {
      configure(saved);
    }
  });
});

/** A notice's text with its one-use "This wasn't me" link (random each time) as "<link>". */
const withoutLink = (body: string) => body.replace(/https?:\/\/\S+\/not-me\/[A-Za-z0-9_-]{22}/, "<link>");

describe("sendResetNotice", () => {
  const account = { id: "acc-1", address: DEMO.alice.email, secureMobile: TO, domainId: "dom-1", locale: null };
  const actor = { kind: "MAIL_ACCOUNT" as const, id: "pm-1", label: DEMO.postmaster.email };

  // The audit event names the domain and the account, so both must exist.
  beforeEach(async () => {
    const db = getDb();
    const common = { passwordHash: "x", passwordChangedAt: T0 };
    await db.cloudAccount.create({ data: { id: "op-1", email: "owner@cloud.test", name: "Owner", ...common } });
    await db.domain.create({ data: { id: "dom-1", name: "example.com", ownerId: "op-1" } });
    await db.mailAccount.create({
      data: { id: "acc-1", domainId: "dom-1", address: DEMO.alice.email, displayName: "Alice", secureMobile: TO, ...common },
    });
  });

  it.each([
    ["postmaster", "was reset by your administrator on 2026-11-24 21:05 UTC"],
    ["console", "was reset by your service provider on 2026-11-24 21:05 UTC"],
    ["self_service", "was reset with Forgot Password on 2026-11-24 21:05 UTC"],
  ] as const)("%s: says who and when, with no secret", async (by, phrase) => {
    await sendResetNotice({ account, by, at: T0, meta, actor });
    const [sent] = await stub.messages(TO);
    expect(withoutLink(sent.body)).toBe(
      `The password of alice@example.com ${phrase}. If you did not ask for this, contact your administrator. Not you? Secure your account: <link>`,
    );
    // Stored without the one-use link (the provider is not the local console).
    expect((await rows())[0]).toMatchObject({
      purpose: "RESET_NOTICE",
      accountId: "acc-1",
      body: withoutLink(sent.body).replace("<link>", "[link]"),
    });
    expect((await audits("sms.sent"))[0]).toMatchObject({ domainId: "dom-1", targetId: "acc-1", targetLabel: DEMO.alice.email });
  });

  it("writes in the account's language: its stored choice first, else the language of the request", async () => {
    await sendResetNotice({ account: { ...account, locale: "zh-CN" }, by: "postmaster", at: T0, meta: { ...meta, locale: "en" }, actor });
    await sendResetNotice({ account: { ...account, locale: null }, by: "console", at: T0, meta: { ...meta, locale: "zh-CN" }, actor });
    await sendResetNotice({ account: { ...account, locale: "en" }, by: "self_service", at: T0, meta: { ...meta, locale: "zh-CN" }, actor });
    expect((await stub.messages(TO)).map((m) => withoutLink(m.body))).toEqual([
      "【Postkey】邮箱帐号 alice@example.com 的密码已于 2026-11-24 21:05 UTC 由管理员重置。如非本人操作，请联系管理员。 如非本人操作，请立即保护帐号：<link>",
      "【Postkey】邮箱帐号 alice@example.com 的密码已于 2026-11-24 21:05 UTC 由服务提供商重置。如非本人操作，请联系管理员。 如非本人操作，请立即保护帐号：<link>",
      "The password of alice@example.com was reset with Forgot Password on 2026-11-24 21:05 UTC. If you did not ask for this, contact your administrator. Not you? Secure your account: <link>",
    ]);
  });

  it("tells the old secure mobile of a change or removal, in the account's language", async () => {
    // As after the change's commit: the account holds its new number (or none).
    const account = (data: { secureMobile: string | null; locale: string | null }) =>
      getDb().mailAccount.update({ where: { id: "acc-1" }, data: { ...data, secureMobileVerifiedAt: data.secureMobile ? T0 : null } });
    const notice = { account: { id: "acc-1" }, previous: TO, at: T0, meta, actor };
    await account({ secureMobile: "+14155550199", locale: null });
    await sendMobileNotice({ ...notice, next: "+14155550199" });
    await account({ secureMobile: "+14155550199", locale: "zh-CN" });
    await sendMobileNotice({ ...notice, next: "+14155550199" });
    await account({ secureMobile: null, locale: "zh-CN" });
    await sendMobileNotice({ ...notice, next: null });
    expect((await stub.messages(TO)).map((m) => withoutLink(m.body))).toEqual([
      "The secure mobile of alice@example.com was changed to +1 ••• ••• 0199 on 2026-11-24 21:05 UTC. If you did not do this, contact your administrator. Not you? Secure your account: <link>",
      "【Postkey】邮箱帐号 alice@example.com 的安全手机已于 2026-11-24 21:05 UTC 更换为 +1 ••• ••• 0199。如非本人操作，请联系管理员。 如非本人操作，请立即保护帐号：<link>",
      "【Postkey】邮箱帐号 alice@example.com 的安全手机已于 2026-11-24 21:05 UTC 解除绑定。如非本人操作，请联系管理员。 如非本人操作，请立即保护帐号：<link>",
    ]);
    expect((await rows()).map((r) => r.purpose)).toEqual(["MOBILE_NOTICE", "MOBILE_NOTICE", "MOBILE_NOTICE"]);
  });

  it("sends nothing without a secure mobile, and never throws", async () => {
    await sendResetNotice({ account: { ...account, secureMobile: null }, by: "postmaster", at: T0, meta, actor });
    await expect(
      sendResetNotice({ account: { ...account, secureMobile: STUB_NUMBER_INVALID }, by: "postmaster", at: T0, meta, actor }),
    ).resolves.toBeUndefined();
    expect(await stub.messages()).toHaveLength(0);
  });
});
