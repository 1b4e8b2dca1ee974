import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { MINUTE } from "@/server/clock";
import { getDb } from "@/server/db";
import { blockLimit, closeRateLimiters, consumeLimit, peekLimit, resetLimit } from "@/server/security/rate-limit";
import { resetDatabase } from "../support/db";
import { useFakeClock } from "../support/fixtures";
import { captureLogs, type CapturedLogs } from "../support/logs";
import { freePort, throwawayRedis, type ThrowawayRedis } from "../support/services";

describe("rate limits counted in Postgres (shared by every app instance)", () => {
  let clock: ReturnType<typeof useFakeClock>;
  beforeEach(async () => {
    await resetDatabase();
    clock = useFakeClock();
  });
  afterEach(() => vi.useRealTimers());

  it("allows up to the limit, refuses past it, and opens again with the next window", async () => {
    for (let i = 1; i <= 30; i++) expect((await consumeLimit("captchaByIp", "ip-a")).allowed).toBe(true);
    expect((await consumeLimit("captchaByIp", "ip-a")).allowed).toBe(false);
    expect((await consumeLimit("captchaByIp", "ip-b")).allowed).toBe(true);
    clock.advance(MINUTE + 1);
    expect((await consumeLimit("captchaByIp", "ip-a")).allowed).toBe(true);
  });

  it("peek does not count; block holds for the policy's block time; reset clears", async () => {
    expect(await peekLimit("logonFailuresByIp", "k")).toMatchObject({ allowed: true, used: 0 });
    await consumeLimit("logonFailuresByIp", "k");
    expect(await peekLimit("logonFailuresByIp", "k")).toMatchObject({ allowed: true, used: 1 });
    await blockLimit("logonFailuresByIp", "k");
    expect((await peekLimit("logonFailuresByIp", "k")).allowed).toBe(false);
    clock.advance(60 * MINUTE - 1000);
    expect((await peekLimit("logonFailuresByIp", "k")).allowed).toBe(false);
    await resetLimit("logonFailuresByIp", "k");
    expect((await peekLimit("logonFailuresByIp", "k")).allowed).toBe(true);
  });

  it("the counters live in the rate_limits table, not in process memory", async () => {
    await consumeLimit("recoveryStartsByIp", "ip-z");
    await closeRateLimiters(); // a "new instance": fresh limiter objects, same database
    expect((await peekLimit("recoveryStartsByIp", "ip-z")).used).toBe(1);
  });
});

/** A Redis of its own (started here, removed after): the limits in Redis are tested on every run, CI included. */
describe("rate limits counted in Redis when REDIS_URL is set", () => {
  let redis: ThrowawayRedis;
  beforeAll(async () => {
    redis = throwawayRedis(await freePort());
    await redis.start();
  });
  beforeEach(async () => {
    process.env.REDIS_URL = redis.url;
    resetEnvCache();
    await closeRateLimiters();
  });
  afterAll(async () => {
    delete process.env.REDIS_URL;
    resetEnvCache();
    await closeRateLimiters();
    await redis?.stop();
  });

  it("counts, refuses past the limit and resets, with nothing written to Postgres", async () => {
    const key = "redis-test-acct";
    const before = await getDb().rateLimit.count();
    for (let i = 1; i <= 5; i++) expect((await consumeLimit("recoveryCodesByAccountHour", key)).allowed).toBe(true);
    expect((await consumeLimit("recoveryCodesByAccountHour", key)).allowed).toBe(false);
    await closeRateLimiters();
    expect((await peekLimit("recoveryCodesByAccountHour", key)).used).toBe(6);
    await resetLimit("recoveryCodesByAccountHour", key);
    expect((await peekLimit("recoveryCodesByAccountHour", key)).used).toBe(0);
    expect((await consumeLimit("recoveryCodesByAccountHour", key)).allowed).toBe(true);
    expect(await getDb().rateLimit.count()).toBe(before);
  });

  it("resets a running block in Redis and in PostgreSQL alike", async () => {
    await blockLimit("logonFailuresByIp", "ip:redis-block");
    expect((await peekLimit("logonFailuresByIp", "ip:redis-block")).allowed).toBe(false);
    await resetLimit("logonFailuresByIp", "ip:redis-block");
    expect(await peekLimit("logonFailuresByIp", "ip:redis-block")).toMatchObject({ allowed: true, used: 0 });
  });
});

describe("a Redis outage: the insurance limiter on PostgreSQL keeps every limit", () => {
  let redis: ThrowawayRedis;
  let logs: CapturedLogs;
  const pgRows = () => getDb().rateLimit.count({ where: { key: { startsWith: "recoveryCodesByAccountHour:" } } });

  beforeAll(async () => {
    redis = throwawayRedis(await freePort());
    await redis.start();
  });
  beforeEach(async () => {
    await resetDatabase();
    logs = captureLogs();
    process.env.REDIS_URL = redis.url;
    resetEnvCache();
    await closeRateLimiters();
  });
  afterEach(() => logs.restore());
  afterAll(async () => {
    delete process.env.REDIS_URL;
    resetEnvCache();
    await closeRateLimiters();
    await redis.stop();
  });

  it("counts in Redis; while Redis is down counts in PostgreSQL (logged once, readiness 'degraded'); back in Redis when it returns", async () => {
    const { checkReadiness } = await import("@/server/health/check-readiness");
    for (let i = 1; i <= 3; i++) expect((await consumeLimit("recoveryCodesByAccountHour", "acct-1")).allowed).toBe(true);
    expect(await pgRows()).toBe(0);
    expect((await checkReadiness()).checks.redis).toBe("ok");

    await redis.stop();
    // Never "no limit at all": the policy's 5 per hour hold, counted in PostgreSQL from zero.
    for (let i = 1; i <= 5; i++) expect((await consumeLimit("recoveryCodesByAccountHour", "acct-1")).allowed).toBe(true);
    expect((await consumeLimit("recoveryCodesByAccountHour", "acct-1")).allowed).toBe(false);
    expect((await peekLimit("recoveryCodesByAccountHour", "acct-1")).allowed).toBe(false);
    expect(await pgRows()).toBe(1);
    const r = await checkReadiness();
    expect(r).toMatchObject({ ready: true, checks: { redis: "degraded", database: "ok" } });
    const outageLines = () => logs.lines.filter((l) => l.component === "rate-limit" && l.level === "error");
    expect(outageLines()).toHaveLength(1);
    expect(outageLines()[0].msg).toBe("Redis is unreachable: limits are counted in PostgreSQL until it is back");

    await redis.start();
    await vi.waitFor(() => expect(logs.lines.map((l) => l.msg)).toContain("Redis is reachable again: limits are counted in Redis"), {
      timeout: 15_000,
      interval: 100,
    });
    // The restarted Redis is empty (it keeps nothing on disk): counting starts again there, not in PostgreSQL.
    expect((await consumeLimit("recoveryCodesByAccountHour", "acct-2")).allowed).toBe(true);
    expect(await pgRows()).toBe(1);
    expect((await checkReadiness()).checks.redis).toBe("ok");
    expect(outageLines()).toHaveLength(1);
  });
});
