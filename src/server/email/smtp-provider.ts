import "server-only";
import nodemailer from "nodemailer";
import { maskEmail } from "@/lib/email";
import { parseMailbox } from "@/lib/mailbox";
import { componentLogger } from "@/server/observability/logger";
import type { EmailProvider, EmailProviderResult } from "./provider";

/**
 * Mail through an SMTP server (nodemailer). Every wait is bounded by
 * `timeoutMs` (connecting, the greeting, each reply) and the whole send by
 * the same budget, so a slow or silent server gives the person a clear
 * "could not send" in time. Failures are classified, never thrown:
 * refused/unreachable ("network"), no answer in time ("timeout"), a 4xx
 * reply (try again later) or a 5xx reply (the server refuses the message).
 */
export function createSmtpProvider(config: { url: string; from: string; timeoutMs: number }): EmailProvider {
  const transport = nodemailer.createTransport({
    url: config.url,
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
  });
  const log = componentLogger("email");
  return {
    name: "smtp",
    async send(message): Promise<EmailProviderResult> {
      // One strict mailbox or nothing: a row bound before the check could hold a list ("boss,ceo@evil.test").
      const mailbox = parseMailbox(message.to);
      if (!mailbox.ok) {
        log.warn({ provider: "smtp", recipient: maskEmail(message.to) }, "email not sent: the recipient is not one address");
        return { ok: false, errorCode: "invalid_address", retryable: false };
      }
      // Objects, never a string nodemailer would read as an address list; the envelope says the one RCPT TO.
      const to = { name: "", address: mailbox.address };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const expired = new Promise<EmailProviderResult>((resolve) => {
        timer = setTimeout(() => resolve({ ok: false, errorCode: "timeout", retryable: true }), config.timeoutMs);
      });
      const sent = transport
        .sendMail({
          from: config.from,
          to,
          envelope: { from: config.from, to: [to] },
          subject: message.subject,
          text: message.text,
          html: message.html,
        })
        .then((info): EmailProviderResult => ({ ok: true, providerId: String(info.messageId ?? "") }))
        .catch((e: unknown): EmailProviderResult => classify(e));
      const result = await Promise.race([sent, expired]).finally(() => clearTimeout(timer));
      if (!result.ok) log.warn({ provider: "smtp", recipient: maskEmail(message.to), errorCode: result.errorCode }, "email send failed");
      return result;
    },
  };
}

function classify(e: unknown): EmailProviderResult {
  const err = e as { code?: string; responseCode?: number };
  if (typeof err.responseCode === "number") {
    return { ok: false, errorCode: `smtp_${err.responseCode}`, retryable: err.responseCode < 500 };
  }
  if (err.code === "ETIMEDOUT" || err.code === "ETIMEOUT") return { ok: false, errorCode: "timeout", retryable: true };
  return { ok: false, errorCode: "network", retryable: true };
}
