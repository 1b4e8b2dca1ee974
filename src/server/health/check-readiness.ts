import "server-only";
import { getDb } from "@/server/db";
import { isDraining } from "@/server/lifecycle";
import { shippedMigrationNames } from "@/server/migrations/apply-migrations";
import { hashQueueStats } from "@/server/security/password-hash";
import { pingRedisStore } from "@/server/security/rate-limit";

/**
 * GET /readyz: may this instance take traffic? Each check is bounded (a
 * stuck dependency answers "failing" within CHECK_TIMEOUT_MS, never hangs
 * the probe). The answer names checks and their state only: no versions,
 * hosts or error texts.
 *
 * Redis is "degraded", not "failing", when it does not answer: the limits are
 * then counted in PostgreSQL (the insurance limiter in rate-limit.ts), so the
 * instance still serves safely; a shared Redis failing must not take every
 * instance out of the balancer at once. A full hashing queue is "degraded"
 * for the same reason: a logon flood fills every instance's queue together,
 * and each one still serves pages and answers logons "busy, try again"
 * (hash-pool.ts starts a new hashing process if one stops). "failing" is kept
 * for what leaves this instance unable to serve: no database, this version's
 * migrations missing, draining.
 */
export type CheckState = "ok" | "failing" | "degraded" | "skipped";

export interface Readiness {
  ready: boolean;
  checks: { accepting: CheckState; database: CheckState; migrations: CheckState; redis: CheckState; hashing: CheckState };
}

export const CHECK_TIMEOUT_MS = 2_000;

async function bounded(check: () => Promise<boolean | null>): Promise<CheckState> {
  const timeout = new Promise<"failing">((resolve) => setTimeout(() => resolve("failing"), CHECK_TIMEOUT_MS).unref());
  const run = check().then(
    (ok): CheckState => (ok === null ? "skipped" : ok ? "ok" : "failing"),
    (): CheckState => "failing",
  );
  return Promise.race([run, timeout]);
}

/** Every migration this version ships is applied (another instance may have applied newer ones: that is fine). */
async function migrationsApplied(): Promise<boolean> {
  const rows = await getDb().$queryRaw<Array<{ migration_name: string }>>`
    SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((r) => r.migration_name));
  return (await shippedMigrationNames()).every((name) => applied.has(name));
}

export async function checkReadiness(): Promise<Readiness> {
  // The instant states first (the probe's moment), then the dependencies.
  const accepting: CheckState = isDraining() ? "failing" : "ok";
  const hashing: CheckState = hashQueueStats().saturated ? "degraded" : "ok";
  const [database, migrations, redis] = await Promise.all([
    bounded(async () => (await getDb().$queryRaw<Array<{ ok: number }>>`SELECT 1 AS ok`)[0]?.ok === 1),
    bounded(migrationsApplied),
    bounded(pingRedisStore).then((state): CheckState => (state === "failing" ? "degraded" : state)),
  ]);
  const checks = { accepting, database, migrations, redis, hashing };
  return { ready: Object.values(checks).every((s) => s !== "failing"), checks };
}
