import "server-only";
import type { SmsStatus } from "@/generated/prisma/enums";
import { getEnv, type Env } from "@/env";
import { createConsoleProvider } from "./console-provider";
import { createTwilioProvider } from "./twilio-provider";

export type SmsProviderResult =
  { ok: true; providerId: string; status: Exclude<SmsStatus, "FAILED"> } | { ok: false; errorCode: string; retryable: boolean };

/** One way to deliver a text message. Implementations return failures, they do not throw. */
export interface SmsProvider {
  name: "console" | "twilio";
  send(to: string, body: string): Promise<SmsProviderResult>;
}

// Built once per configuration: the Twilio client keeps its HTTP agent
// (keep-alive sockets) between messages. Keyed on the Env object so a test
// that calls resetEnvCache() gets a provider for its new settings.
let cached: { env: Env; provider: SmsProvider } | undefined;
let testOverride: SmsProvider | undefined;

function buildProvider(env: Env): SmsProvider {
  if (env.SMS_PROVIDER === "console") return createConsoleProvider();
  // env.ts already requires these three when SMS_PROVIDER=twilio.
  return createTwilioProvider({
    accountSid: env.TWILIO_ACCOUNT_SID ?? "",
    authToken: env.TWILIO_AUTH_TOKEN ?? "",
    from: env.TWILIO_FROM_NUMBER ?? "",
    baseUrl: env.TWILIO_API_BASE_URL,
    budgetMs: env.SMS_SEND_TIMEOUT_MS,
  });
}

/** The provider chosen by SMS_PROVIDER. */
export function getSmsProvider(): SmsProvider {
  if (testOverride) return testOverride;
  const env = getEnv();
  if (!cached || cached.env !== env) cached = { env, provider: buildProvider(env) };
  return cached.provider;
}

export function resetSmsProviderCache(): void {
  cached = undefined;
}

/** Tests only: use this provider (e.g. Twilio with tiny retry delays) until called with undefined. */
export function setSmsProviderForTests(provider: SmsProvider | undefined): void {
  testOverride = provider;
}
