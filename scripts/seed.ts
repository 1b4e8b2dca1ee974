import { withDatabase } from "./lib/with-database";

/** npm run db:seed — idempotent demo data (README "Demo logons"). */
await withDatabase(async () => {
  await import("./lib/load-env");
  const { applyMigrations } = await import("@/server/migrations/apply-migrations");
  await applyMigrations(process.env.DATABASE_URL!);
  const { seedDemoData } = await import("@/server/seed/seed-demo-data");
  const { disconnectDb } = await import("@/server/db");
  const { created } = await seedDemoData();
  console.log(created ? `Demo data: ${created} records created.` : "Demo data already present.");
  await disconnectDb();
});
