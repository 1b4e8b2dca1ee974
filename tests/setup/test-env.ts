import { inject } from "vitest";

// Configuration every test file sees; src/env.ts validates it like in production.
// This worker's own database (a copy of the migrated one), or the one database of an embedded run.
const workers = inject("workerDatabaseUrls");
process.env.DATABASE_URL = workers[Number(process.env.VITEST_POOL_ID ?? 1) - 1] ?? inject("databaseUrl");
process.env.SESSION_SECRET ??= "test-session-secret-0123456789-abcdefghijklmnop";
(process.env as Record<string, string>).NODE_ENV = "test";
// A local run for automated tests (src/env.ts runProfile); tests of the deployment rules set their own.
process.env.APP_ENV ??= "test";
// Cheaper argon2 parameters keep the suite fast; the algorithm and code path are the same.
process.env.ARGON2_MEMORY_KIB ??= "8192";
process.env.ARGON2_TIME_COST ??= "1";
process.env.SMS_PROVIDER ??= "console";
