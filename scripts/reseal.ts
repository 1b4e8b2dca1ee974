import { ensureLocalSecrets } from "./lib/load-env";
import { withDatabase } from "./lib/with-database";

/**
 * npm run data:reseal — moves every sealed secret to the current
 * DATA_ENCRYPTION_KEY (src/server/security/reseal-secrets.ts): the ones
 * sealed with SESSION_SECRET before the data key existed, and the ones under
 * a key now in DATA_ENCRYPTION_KEY_PREVIOUS. Safe to run again, and while the
 * app serves. Exits 1 when some rows no configured key opens.
 */
await withDatabase(async (url) => {
  ensureLocalSecrets();
  const { applyMigrations } = await import("@/server/migrations/apply-migrations");
  await applyMigrations(url);
  const { resealSecrets } = await import("@/server/security/reseal-secrets");
  const { disconnectDb } = await import("@/server/db");
  try {
    const report = await resealSecrets();
    console.log(`Data key ${report.keyId} (DATA_ENCRYPTION_KEY):`);
    for (const s of report.sealed)
      console.log(
        `  ${s.label}: ${s.resealed} resealed, ${s.current} under the current key${s.changed ? `, ${s.changed} changed meanwhile (left as they are)` : ""}${s.unreadable ? `, ${s.unreadable} that no configured key opens` : ""}`,
      );
    for (const d of report.digests)
      console.log(
        `  ${d.label}: ${d.current} under the current key, ${d.previous} under a previous data key, ${d.sessionSecret} under SESSION_SECRET (a digest cannot be re-keyed: generating new codes moves them)`,
      );
    const unreadable = report.sealed.reduce((n, s) => n + s.unreadable, 0);
    if (unreadable) {
      console.error(
        `${unreadable} sealed values open with no configured key: set the key they were sealed with in DATA_ENCRYPTION_KEY_PREVIOUS (or, for values from before the data key, their session secret in SESSION_SECRET_PREVIOUS) and run this again.`,
      );
      process.exitCode = 1;
    }
  } finally {
    await disconnectDb();
  }
});
