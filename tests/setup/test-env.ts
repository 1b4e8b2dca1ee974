import { inject } from "vitest";

// Configuration every test file sees; src/env.ts validates it like in production.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.SESSION_SECRET ??= "test-session-secret-0123456789-abcdefghijklmnop";
(process.env as Record<string, string>).NODE_ENV = "test";
// A local run for automated tests (src/env.ts runProfile); tests of the deployment rules set their own.
process.env.APP_ENV ??= "test";
// Cheaper argon2 parameters keep the suite fast; the algorithm and code path are the same.
process.env.ARGON2_MEMORY_KIB ??= "8192";
process.env.ARGON2_TIME_COST ??= "1";
process.env.SMS_PROVIDER ??= "console";
