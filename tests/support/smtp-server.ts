import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { appendFileSync } from "node:fs";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server for the email tests (the smtp-server package): it
 * accepts every message and keeps it parsed (to, subject, text, html), or,
 * when told, answers the next messages with a 4xx/5xx reply or keeps them
 * waiting (a slow server).
 */
export interface CapturedEmail {
  /** The SMTP envelope: MAIL FROM and every RCPT TO, as the server received them. */
  envelope: { from: string; to: string[] };
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  messages: CapturedEmail[];
  /** The next `times` messages are answered with this SMTP reply code (e.g. 451, 550). */
  failNextWith(code: number, times?: number): void;
  /** The next `times` messages get their reply only after `ms`. */
  delayNextBy(ms: number, times?: number): void;
  clear(): void;
  stop(): Promise<void>;
}

/** `recordFile`: every message taken is also appended there as a JSON line {to, subject, text} (the e2e log-secrets check reads it). */
export async function startSmtpServer(port = 0, opts: { recordFile?: string } = {}): Promise<TestSmtpServer> {
  const messages: CapturedEmail[] = [];
  let failures: { code: number; left: number } | undefined;
  let delays: { ms: number; left: number } | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        if (delays && delays.left > 0) {
          delays.left -= 1;
          await new Promise((r) => setTimeout(r, delays!.ms));
        }
        if (failures && failures.left > 0) {
          failures.left -= 1;
          const err = Object.assign(new Error(failures.code >= 500 ? "Mailbox unavailable" : "Try again later"), {
            responseCode: failures.code,
          });
          callback(err);
          return;
        }
        const mail = await simpleParser(Buffer.concat(chunks));
        const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "");
        const { mailFrom, rcptTo } = session.envelope;
        messages.push({
          envelope: { from: mailFrom ? mailFrom.address : "", to: rcptTo.map((r) => r.address) },
          to,
          from: mail.from?.text ?? "",
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          html: typeof mail.html === "string" ? mail.html : "",
        });
        if (opts.recordFile)
          appendFileSync(opts.recordFile, `${JSON.stringify({ to, subject: mail.subject ?? "", text: mail.text ?? "" })}\n`);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    messages,
    failNextWith: (code, times = 1) => void (failures = { code, left: times }),
    delayNextBy: (ms, times = 1) => void (delays = { ms, left: times }),
    clear: () => {
      messages.length = 0;
      failures = undefined;
      delays = undefined;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
