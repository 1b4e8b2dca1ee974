import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSmtpProvider } from "@/server/email/smtp-provider";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";

/**
 * The SMTP provider hands nodemailer one recipient as an object and an
 * explicit envelope, never a string it could read as an address list
 * ("boss,ceo@evil.test" is two recipients to nodemailer): each message has
 * exactly one RCPT TO, the address it was given, and an address that is not
 * one strict mailbox (a row stored before the check) is not sent at all.
 */
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.stop());
beforeEach(() => smtp.clear());

const send = (to: string) =>
  createSmtpProvider({ url: smtp.url, from: "Postkey <no-reply@mail.example.com>", timeoutMs: 2000 }).send({
    to,
    subject: "Your Postkey verification code",
    text: "Your Postkey verification code is 482913.",
    html: "<p>Your Postkey verification code is 482913.</p>",
  });

describe("one recipient per message, whatever the address looks like", () => {
  it.each(["erin.backup@gmail.example", "o'brien+tag@mail.example.org"])("%s: exactly one RCPT TO, that address", async (to) => {
    expect(await send(to)).toMatchObject({ ok: true });
    expect(smtp.messages.map((m) => m.envelope)).toEqual([{ from: "no-reply@mail.example.com", to: [to] }]);
    expect(smtp.messages[0].to).toBe(to);
  });

  it.each(["boss,ceo@evil.test", "boss@gmail.example, ceo@evil.test", "Boss <ceo@evil.test>", "x@example.com>", "a@b.example;c@evil.test"])(
    "%s: refused before anything is sent",
    async (to) => {
      expect(await send(to)).toEqual({ ok: false, errorCode: "invalid_address", retryable: false });
      expect(smtp.messages).toEqual([]);
    },
  );
});
