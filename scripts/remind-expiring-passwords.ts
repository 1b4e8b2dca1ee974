import { parseArgs } from "node:util";
import { z } from "zod";
import { ensureLocalSecrets } from "./lib/load-env";
import { withDatabase } from "./lib/with-database";

/**
 * npm run passwords:remind [-- --limit <accounts a page>] — one sweep of the
 * password expiry reminders (SECURITY.md "Passwords"; a custom profile with
 * an expiry: 14, 7 and 1 days before, by SMS and backup email), for cron,
 * e.g. hourly. Safe beside the app's own sweep (PASSWORD_REMINDER_INTERVAL_MINUTES)
 * and other runs: one sweeps at a time, and each reminder is sent once.
 * Exits 0 when another sweep held the turn, 1 on an error.
 */
const USAGE = "Usage: npm run passwords:remind [-- --limit <accounts a page, 1-5000, default 200>]";

let limit: number | undefined;
try {
  const { values } = parseArgs({ options: { limit: { type: "string" } } });
  const parsed = z.coerce.number().int().min(1).max(5000).optional().safeParse(values.limit);
  if (!parsed.success) throw new Error(`--limit: must be a whole number from 1 to 5000, not "${values.limit}"`);
  limit = parsed.data;
} catch (e) {
  console.error(`${(e as Error).message}\n\n${USAGE}`);
  process.exit(2);
}

await withDatabase(async (url) => {
  ensureLocalSecrets();
  const { applyMigrations } = await import("@/server/migrations/apply-migrations");
  await applyMigrations(url);
  const { runExpiryReminderSweep } = await import("@/server/passwords/expiry-reminder-sweep");
  const { disconnectDb } = await import("@/server/db");
  try {
    const outcome = await runExpiryReminderSweep({ limit });
    if (!outcome.ran) console.log("Another sweep is running (the app's or another run's): nothing to do now.");
    else {
      console.log(`Password expiry reminders: ${outcome.reminded} account(s) reminded.`);
      if (outcome.stoppedBy === "sms_cap")
        console.log("Stopped at the SMS hourly cap (SMS_HOURLY_CAP): the rest are sent by the next run.");
    }
  } catch (e) {
    console.error(`The sweep failed: ${(e as Error).message}`);
    process.exitCode = 1;
  } finally {
    await disconnectDb();
  }
});
