import "server-only";
import { getEnv, type Env } from "@/env";
import { createConsoleEmailProvider } from "./console-provider";
import { createSmtpProvider } from "./smtp-provider";

export interface OutgoingEmail {
  to: string;
  subject: string;
  /** Plain text, and the same message as HTML (both in the recipient's language). */
  text: string;
  html: string;
}

export type EmailProviderResult = { ok: true; providerId: string } | { ok: false; errorCode: string; retryable: boolean };

/** One way to deliver an email. Implementations return failures, they do not throw. */
export interface EmailProvider {
  name: "console" | "smtp";
  send(message: OutgoingEmail): Promise<EmailProviderResult>;
}

// One transport per configuration (nodemailer keeps its pooled connections between messages).
let cached: { env: Env; provider: EmailProvider } | undefined;

export function getEmailProvider(): EmailProvider {
  const env = getEnv();
  if (!cached || cached.env !== env) {
    const provider =
      env.EMAIL_PROVIDER === "smtp"
        ? createSmtpProvider({ url: env.SMTP_URL ?? "", from: env.EMAIL_FROM, timeoutMs: env.EMAIL_SEND_TIMEOUT_MS })
        : createConsoleEmailProvider();
    cached = { env, provider };
  }
  return cached.provider;
}

export function resetEmailProviderCache(): void {
  cached = undefined;
}
