import { ensureLocalSecrets } from "./lib/load-env";
import { withDatabase } from "./lib/with-database";

/**
 * npm run db:seed — idempotent demo data (README "Demo logons"). The demo
 * passwords are public, so a deployment's database is refused unless
 * `-- --force` is given (a throwaway staging database, say).
 */
const force = process.argv.includes("--force");
await withDatabase(async () => {
  ensureLocalSecrets();
  const { getEnv } = await import("@/env");
  const { applyMigrations } = await import("@/server/migrations/apply-migrations");
  await applyMigrations(process.env.DATABASE_URL!);
  const { seedDemoData, SeedRefusedError } = await import("@/server/seed/seed-demo-data");
  const { disconnectDb } = await import("@/server/db");
  try {
    const { created } = await seedDemoData({ force });
    console.log(created ? `Demo data: ${created} records created.` : "Demo data already present.");
  } catch (e) {
    if (!(e instanceof SeedRefusedError)) throw e;
    console.error(`${e.message} (profile: ${getEnv().profile})`);
    process.exitCode = 1;
  } finally {
    await disconnectDb();
  }
});
