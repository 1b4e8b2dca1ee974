/**
 * Where the e2e run's app, Twilio stub and database live. Computed the same
 * way in the Playwright runner, its workers and the web server script.
 */
import { randomBytes } from "node:crypto";

process.env.E2E_RUN_ID ??= String(Date.now());
// The embedded database accepts one password; the runner makes it, the server and the workers inherit it.
process.env.E2E_PG_PASSWORD ??= randomBytes(18).toString("base64url");
// The key of stored secrets (TOTP keys, recovery codes): the server, every instance a spec starts on the
// same database and the workers' domain calls must share it.
process.env.DATA_ENCRYPTION_KEY ??= "ZTJlLWRhdGEta2V5LTAxMjM0NTY3ODktYWJjZGVmZ2hpamtsbW4=";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const STUB_PORT = Number(process.env.E2E_STUB_PORT ?? 3199);
export const EMBEDDED_PG_PORT = Number(process.env.E2E_PG_PORT ?? 54400);
export const BASE_URL = `http://localhost:${E2E_PORT}`;
export const STUB_URL = `http://127.0.0.1:${STUB_PORT}`;
/** The Pwned Passwords range stub (tests/support/pwned-range-stub.ts), beside the Twilio stub. */
export const PWNED_STUB_PORT = STUB_PORT + 1;
export const PWNED_STUB_URL = `http://127.0.0.1:${PWNED_STUB_PORT}`;
export const TWILIO_SID = "AC00000000000000000000000000e2e0";
export const TWILIO_TOKEN = "e2e-auth-token";
export const TWILIO_FROM = "+15005550006";

export function e2eDatabaseUrl(): string {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return `postgresql://postgres:${process.env.E2E_PG_PASSWORD}@127.0.0.1:${EMBEDDED_PG_PORT}/postgres?sslmode=disable`;
  const u = new URL(server);
  u.pathname = `/postkey_e2e_${process.env.E2E_RUN_ID}`;
  return u.toString();
}

/**
 * Where every server of the run writes its log, where the Twilio stub and the test SMTP servers record what
 * they were sent, and where the specs register the secrets they use (the log-secrets check reads them all).
 */
export const E2E_LOG_DIR = "test-results/logs";
export const E2E_SMS_RECORD_DIR = "test-results/sms-record";
export const E2E_MAIL_RECORD_DIR = "test-results/mail-record";
export const E2E_SECRETS_DIR = "test-results/secrets";

/** Breached-password checks against the run's range stub (E2E_BREACHED_PASSWORDS): for every instance a spec starts. */
export function pwnedStubEnv(): Record<string, string> {
  return { BREACHED_PASSWORDS: "hibp", BREACHED_PASSWORDS_API_URL: PWNED_STUB_URL };
}

/** SMS through the real twilio SDK to the run's Twilio stub: the settings of every instance a spec starts. */
export function twilioStubEnv(): Record<string, string> {
  return {
    SMS_PROVIDER: "twilio",
    TWILIO_ACCOUNT_SID: TWILIO_SID,
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    TWILIO_FROM_NUMBER: TWILIO_FROM,
    TWILIO_API_BASE_URL: STUB_URL,
  };
}
