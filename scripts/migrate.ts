import { applyMigrations } from "@/server/migrations/apply-migrations";
import { withDatabase } from "./lib/with-database";

/** npm run db:migrate — applies pending migrations (embedded database when DATABASE_URL is unset). */
await withDatabase(async (url) => {
  const { applied, alreadyApplied } = await applyMigrations(url);
  console.log(
    `Migrations: ${applied.length} applied${applied.length ? ` (${applied.join(", ")})` : ""}, ${alreadyApplied.length} already applied.`,
  );
});
