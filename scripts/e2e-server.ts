import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { E2E_BREACHED_PASSWORDS, startPwnedRangeStub } from "../tests/support/pwned-range-stub";
import { startTwilioStub } from "../tests/support/twilio-stub";
import {
  E2E_PORT,
  E2E_SMS_RECORD_DIR,
  e2eDatabaseUrl,
  EMBEDDED_PG_PORT,
  PWNED_STUB_PORT,
  pwnedStubEnv,
  STUB_PORT,
  TWILIO_FROM,
  TWILIO_SID,
  TWILIO_TOKEN,
} from "../e2e/support/e2e-env";
import { startEmbeddedPostgres } from "./lib/embedded-postgres";
import { serve } from "./lib/serve";

/**
 * The app as Playwright sees it: a production build on a fresh database,
 * SMS through the real twilio SDK to the Twilio-compatible stub, and the
 * image code PASSED accepted (CAPTCHA_TEST_MODE=1, tests only), and breached
 * passwords checked against the range stub, which lists E2E_BREACHED_PASSWORDS.
 */
const url = e2eDatabaseUrl();
if (process.env.TEST_DATABASE_URL) {
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${new URL(url).pathname.slice(1)}"`);
  await admin.end();
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), "postkey-e2e-"));
  await startEmbeddedPostgres(dir, EMBEDDED_PG_PORT, process.env.E2E_PG_PASSWORD);
}
mkdirSync(E2E_SMS_RECORD_DIR, { recursive: true });
await startTwilioStub({
  port: STUB_PORT,
  accountSid: TWILIO_SID,
  authToken: TWILIO_TOKEN,
  recordFile: path.join(E2E_SMS_RECORD_DIR, `${process.env.E2E_RUN_ID}.jsonl`),
});
await startPwnedRangeStub({ port: PWNED_STUB_PORT, hashes: E2E_BREACHED_PASSWORDS, padding: 50 });

Object.assign(process.env, {
  DATABASE_URL: url,
  PORT: String(E2E_PORT),
  NODE_ENV: "production",
  APP_ENV: "test",
  SESSION_SECRET: "e2e-session-secret-0123456789-abcdefghijklmnopqrstuv",
  CAPTCHA_TEST_MODE: "1",
  SMS_PROVIDER: "twilio",
  TWILIO_ACCOUNT_SID: TWILIO_SID,
  TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
  TWILIO_FROM_NUMBER: TWILIO_FROM,
  TWILIO_API_BASE_URL: `http://127.0.0.1:${STUB_PORT}`,
  ...pwnedStubEnv(),
});
await serve({ dev: false, quiet: true });
