import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db";
import { hashSecret, hashQueueStats } from "@/server/security/password-hash";

// /readyz's checks (src/server/health/check-readiness.ts) against the worker's real database.
const { checkReadiness, CHECK_TIMEOUT_MS } = await import("@/server/health/check-readiness");

const g = globalThis as { postkeyDraining?: boolean };

describe("readiness", () => {
  afterEach(() => {
    g.postkeyDraining = undefined;
    vi.restoreAllMocks();
  });

  it("is ready when the database answers and every shipped migration is applied; Redis is skipped without REDIS_URL", async () => {
    expect(await checkReadiness()).toEqual({
      ready: true,
      checks: { accepting: "ok", database: "ok", migrations: "ok", redis: "skipped", hashing: "ok" },
    });
  });

  it("is not ready while a shipped migration is not applied here (a new version started before db:migrate)", async () => {
    const db = getDb();
    const [last] = await db.$queryRaw<Array<{ id: string; migration_name: string }>>`
      SELECT id, migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await db.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE id = ${last.id}`;
    try {
      const r = await checkReadiness();
      expect(r.ready).toBe(false);
      expect(r.checks.migrations).toBe("failing");
      expect(r.checks.database).toBe("ok");
    } finally {
      await db.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = now() WHERE id = ${last.id}`;
    }
  });

  it("is not ready while draining (SIGTERM): the balancer stops sending new requests", async () => {
    const { markDraining } = await import("@/server/lifecycle");
    markDraining();
    const r = await checkReadiness();
    expect(r).toMatchObject({ ready: false, checks: { accepting: "failing", database: "ok" } });
  });

  it("a database that does not answer is 'failing' within the check's time bound, not a hung probe", async () => {
    const db = getDb();
    vi.spyOn(db, "$queryRaw").mockImplementation((() => new Promise(() => {})) as never);
    const started = Date.now();
    const r = await checkReadiness();
    expect(r.ready).toBe(false);
    expect(r.checks).toMatchObject({ database: "failing", migrations: "failing" });
    expect(Date.now() - started).toBeLessThan(CHECK_TIMEOUT_MS + 1_500);
  });

  it("stays ready while the hashing queue is full, reported as degraded: a logon flood must not empty the balancer", async () => {
    expect(hashQueueStats().saturated).toBe(false);
    // Fill the queue: ARGON2_MAX_CONCURRENCY running, ARGON2_MAX_QUEUE waiting.
    const { getEnv } = await import("@/env");
    const { ARGON2_MAX_CONCURRENCY, ARGON2_MAX_QUEUE } = getEnv();
    const jobs = Array.from({ length: ARGON2_MAX_CONCURRENCY + ARGON2_MAX_QUEUE }, (_, i) => hashSecret(`secret-${i}`));
    expect(hashQueueStats().saturated).toBe(true);
    // Every instance under the same flood would answer 503 at once; this one still serves pages and
    // answers logons "busy, try again" (hash-busy.test.ts), so it stays in the balancer.
    expect(await checkReadiness()).toEqual({
      ready: true,
      checks: { accepting: "ok", database: "ok", migrations: "ok", redis: "skipped", hashing: "degraded" },
    });
    await Promise.all(jobs);
    expect((await checkReadiness()).checks.hashing).toBe("ok");
  });
});
