import { inject, vi } from "vitest";
import type * as I18n from "@/web/i18n";

// Configuration every test file sees; src/env.ts validates it like in production.
// This worker's own database (a copy of the migrated one), or the one database of an embedded run.
const workers = inject("workerDatabaseUrls");
const worker = Number(process.env.VITEST_POOL_ID ?? 1) - 1;
process.env.DATABASE_URL = workers[worker] ?? inject("databaseUrl");
// This worker's own Twilio stub (tests/support/twilio-stub.ts).
const stubs = inject("twilioStubUrls");
process.env.TEST_TWILIO_STUB_URL = stubs[worker] ?? stubs[0];
process.env.SESSION_SECRET ??= "test-session-secret-0123456789-abcdefghijklmnop";
// The key of stored secrets (TOTP keys, recovery codes): 32 bytes in base64, apart from SESSION_SECRET.
process.env.DATA_ENCRYPTION_KEY ??= "dGVzdC1kYXRhLWtleS0wMTIzNDU2Nzg5LWFiY2RlZmdoaWo=";
(process.env as Record<string, string>).NODE_ENV = "test";
// A local run for automated tests (src/env.ts runProfile); tests of the deployment rules set their own.
process.env.APP_ENV ??= "test";
// Cheaper argon2 parameters keep the suite fast; the algorithm and code path are the same.
process.env.ARGON2_MEMORY_KIB ??= "8192";
process.env.ARGON2_TIME_COST ??= "1";
process.env.SMS_PROVIDER ??= "console";
// Logs stay quiet; a test that checks them captures them (tests/support/logs.ts).
process.env.LOG_LEVEL ??= "silent";

// Actions answer in the request's language; outside Next.js there is no request,
// so every test file's actions speak English (a test of Chinese mocks its own).
vi.mock("@/web/i18n", async (importOriginal) => {
  const original = await importOriginal<typeof I18n>();
  const { tEn } = await import("../support/i18n");
  return { ...original, getTranslator: async () => tEn };
});
