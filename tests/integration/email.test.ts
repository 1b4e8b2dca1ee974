import { createServer, type Server } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { maskEmail } from "@/lib/email";
import { getDb } from "@/server/db";
import { isEmailOutboxAvailable } from "@/server/email/list-email-outbox";
import { resetEmailProviderCache } from "@/server/email/provider";
import { sendEmail, type SendEmailInput } from "@/server/email/send-email";
import { resetDatabase } from "../support/db";
import { DEPLOYMENT_SECRETS } from "../support/deployment-env";
import { meta } from "../support/fixtures";
import { captureLogs, type CapturedLogs } from "../support/logs";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";

/**
 * The email module beside the SMS one (src/server/email): SMTP through
 * nodemailer to a real SMTP server started here, the console provider for
 * local runs, every message recorded and audited, failures classified and
 * bounded in time.
 */
const TO = "erin.backup@gmail.example";
const input = (over: Partial<SendEmailInput> = {}): SendEmailInput => ({
  to: TO,
  purpose: "RECOVERY_CODE",
  subject: "Your Postkey verification code",
  text: "Your Postkey verification code is 482913. It expires in 5 minutes.",
  html: "<p>Your Postkey verification code is <strong>482913</strong>. It expires in 5 minutes.</p>",
  redactedText: "Your Postkey verification code is ••••••. It expires in 5 minutes.",
  actor: { kind: "ANONYMOUS", label: TO },
  meta,
  ...over,
});

let smtp: TestSmtpServer;
let logs: CapturedLogs;
const saved = { ...process.env };
function configure(vars: Record<string, string>) {
  for (const k of ["EMAIL_PROVIDER", "SMTP_URL", "EMAIL_SEND_TIMEOUT_MS", "EMAIL_FROM"]) delete process.env[k];
  Object.assign(process.env, vars);
  resetEnvCache();
  resetEmailProviderCache();
}
const rows = () => getDb().emailMessage.findMany({ orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.stop();
});
beforeEach(async () => {
  await resetDatabase();
  smtp.clear();
  logs = captureLogs("info");
  configure({
    EMAIL_PROVIDER: "smtp",
    SMTP_URL: smtp.url,
    EMAIL_FROM: "Postkey <no-reply@mail.example.com>",
    EMAIL_SEND_TIMEOUT_MS: "1000",
  });
});
afterEach(() => {
  logs.restore();
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  resetEnvCache();
  resetEmailProviderCache();
});

describe("SMTP (nodemailer to a real SMTP server)", () => {
  it("delivers plain text and HTML from EMAIL_FROM; records it with only the redacted text; audits it masked", async () => {
    const r = await sendEmail(input());
    expect(r.ok).toBe(true);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatchObject({ to: TO, subject: "Your Postkey verification code" });
    expect(smtp.messages[0].from).toContain("<no-reply@mail.example.com>");
    expect(smtp.messages[0].text).toContain("482913");
    expect(smtp.messages[0].html).toContain("<strong>482913</strong>");
    const [row] = await rows();
    expect(row).toMatchObject({ to: TO, provider: "smtp", status: "SENT", body: input().redactedText });
    expect(row.providerMessageId).toBeTruthy();
    const [event] = await getDb().auditEvent.findMany({ where: { action: "email.sent" } });
    expect(event.detail).toMatchObject({ to: "e•••@g•••.example", purpose: "RECOVERY_CODE" });
    expect(JSON.stringify(event)).not.toContain("482913");
    expect(logs.text()).not.toContain(TO);
  });

  it.each([
    [451, "smtp_451"],
    [550, "smtp_550"],
  ])("a %i reply is a clear failure (FAILED, audited), never a throw", async (code, errorCode) => {
    smtp.failNextWith(code);
    expect(await sendEmail(input())).toEqual({ ok: false, error: "send_failed" });
    expect((await rows())[0]).toMatchObject({ status: "FAILED", errorCode });
    expect((await getDb().auditEvent.findMany({ where: { action: "email.failed" } }))[0].detail).toMatchObject({ errorCode });
  });

  it("a refused connection fails at once as 'network'", async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    configure({ EMAIL_PROVIDER: "smtp", SMTP_URL: `smtp://127.0.0.1:${closed}`, EMAIL_SEND_TIMEOUT_MS: "1000" });
    expect(await sendEmail(input())).toEqual({ ok: false, error: "send_failed" });
    expect((await rows())[0]).toMatchObject({ status: "FAILED", errorCode: "network" });
  });

  it("a server that does not answer in EMAIL_SEND_TIMEOUT_MS is a 'timeout' within that time", async () => {
    const silent: Server = createServer(() => {}); // accepts, never greets
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      configure({
        EMAIL_PROVIDER: "smtp",
        SMTP_URL: `smtp://127.0.0.1:${(silent.address() as { port: number }).port}`,
        EMAIL_SEND_TIMEOUT_MS: "600",
      });
      const started = performance.now();
      expect(await sendEmail(input())).toEqual({ ok: false, error: "send_failed" });
      expect(performance.now() - started).toBeLessThan(2_500);
      expect((await rows())[0]).toMatchObject({ status: "FAILED", errorCode: "timeout" });
    } finally {
      await new Promise((r) => silent.close(r));
    }
  });

  it("a slow reply past the budget is a 'timeout' too", async () => {
    smtp.delayNextBy(3_000);
    expect(await sendEmail(input())).toEqual({ ok: false, error: "send_failed" });
    expect((await rows())[0]).toMatchObject({ status: "FAILED", errorCode: "timeout" });
  });
});

describe("the console provider (local runs)", () => {
  it("keeps the whole text for /dev/mail and logs only that one was written, to a masked address", async () => {
    configure({ EMAIL_PROVIDER: "console" });
    expect(isEmailOutboxAvailable()).toBe(true);
    expect((await sendEmail(input())).ok).toBe(true);
    expect((await rows())[0]).toMatchObject({ provider: "console", status: "SENT", body: input().text });
    expect(logs.lines).toContainEqual(expect.objectContaining({ component: "email", recipient: maskEmail(TO) }));
    expect(logs.text()).not.toContain("482913");
    expect(smtp.messages).toHaveLength(0);
  });

  it("a deployment cannot run it: the configuration is refused, and SMTP needs SMTP_URL", async () => {
    const { parseEnv } = await import("@/env");
    const deployment = {
      APP_ENV: "production",
      DATABASE_URL: "postgresql://postkey@db.internal:5432/postkey",
      ...DEPLOYMENT_SECRETS,
    };
    expect(() => parseEnv({ ...deployment, EMAIL_PROVIDER: "console" })).toThrow(/EMAIL_PROVIDER: is "console"/);
    expect(() => parseEnv({ ...deployment, EMAIL_PROVIDER: "smtp" })).toThrow(/SMTP_URL: is required when EMAIL_PROVIDER=smtp/);
    expect(parseEnv({ ...deployment, EMAIL_PROVIDER: "smtp", SMTP_URL: "smtps://u:p@smtp.example.com:465" }).EMAIL_PROVIDER).toBe("smtp");
  });
});

describe("maskEmail", () => {
  it("shows the first character of the local part and of the domain, and the public suffix (tests/unit/mask-email.test.ts)", () => {
    expect(maskEmail("alice.wang@gmail.com")).toBe("a•••@g•••.com");
    expect(maskEmail("x@example.org")).toBe("x•••@e•••.org");
    expect(maskEmail("not-an-address")).toBe("•••");
  });
});
