import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { getDb } from "@/server/db";
import { blockLimit, closeRateLimiters, consumeLimit, peekLimit, resetLimit } from "@/server/security/rate-limit";
import { resetDatabase } from "../support/db";
import { captureLogs, type CapturedLogs } from "../support/logs";
import { freePort, throwawayRedis, type ThrowawayRedis } from "../support/services";

/**
 * Blocks outlive Redis (docs/decisions/0004): a running block (an IP's hour
 * after 50 failed logons, an account's 24 h questions block, its 1 h recovery
 * block) is written to PostgreSQL too and read there beside Redis, so neither
 * a Redis outage (the insurance limiter counts from zero) nor a Redis that
 * comes back empty clears it. Counts may restart; blocks do not.
 */
const BLOCKS = [
  ["logonFailuresByIp", "ip:203.0.113.7"],
  ["questionFailuresByAccount", "acct-q"],
  ["recoveryBlockByAccount", "acct-r"],
] as const;

let redis: ThrowawayRedis;
let logs: CapturedLogs;
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
afterEach(async () => {
  logs.restore();
  if (down) await redisBack();
});
afterAll(async () => {
  delete process.env.REDIS_URL;
  resetEnvCache();
  await closeRateLimiters();
  await redis.stop();
});

let down = false;
async function redisDown() {
  await redis.stop();
  down = true;
}
/** Redis started again, empty (it keeps nothing on disk), and the app counting there again. */
async function redisBack() {
  await redis.start();
  down = false;
  await vi.waitFor(() => expect(logs.lines.map((l) => l.msg)).toContain("Redis is reachable again: limits are counted in Redis"), {
    timeout: 15_000,
    interval: 100,
  });
}

async function expectBlocked(name: (typeof BLOCKS)[number][0], key: string) {
  const peek = await peekLimit(name, key);
  expect({ name, allowed: peek.allowed }).toEqual({ name, allowed: false });
  expect(peek.retryAfterMs).toBeGreaterThan(0);
  expect({ name, allowed: (await consumeLimit(name, key)).allowed }).toEqual({ name, allowed: false });
}

describe("running blocks survive a Redis outage", () => {
  it("blocks started while Redis answers still refuse while it is down, and after it comes back empty", async () => {
    for (const [name, key] of BLOCKS) await blockLimit(name, key);
    for (const [name, key] of BLOCKS) await expectBlocked(name, key);

    await redisDown();
    for (const [name, key] of BLOCKS) await expectBlocked(name, key);
    // Counts other than blocks restart from zero in PostgreSQL (the insurance limiter), as before.
    expect((await peekLimit("logonFailuresByIp", "ip:198.51.100.9")).allowed).toBe(true);

    await redisBack();
    // It restarted empty, and the blocks still hold.
    for (const [name, key] of BLOCKS) await expectBlocked(name, key);
  });

  it("a block started during the outage holds once Redis is back", async () => {
    await redisDown();
    for (const [name, key] of BLOCKS) await blockLimit(name, key);
    await redisBack();
    for (const [name, key] of BLOCKS) await expectBlocked(name, key);
  });

  it("reset ends a block in both stores; a give-back (negative points) is never refused; other policies are not written to PostgreSQL", async () => {
    await blockLimit("questionFailuresByAccount", "acct-x");
    await resetLimit("questionFailuresByAccount", "acct-x");
    expect((await peekLimit("questionFailuresByAccount", "acct-x")).allowed).toBe(true);
    await redisDown();
    expect((await peekLimit("questionFailuresByAccount", "acct-x")).allowed).toBe(true);
    await redisBack();

    await blockLimit("recoveryBlockByAccount", "acct-y");
    expect((await consumeLimit("recoveryBlockByAccount", "acct-y", -1)).allowed).toBe(true);

    for (let i = 0; i < 3; i++) await consumeLimit("captchaByIp", "ip-c");
    expect(await getDb().rateLimit.count({ where: { key: { startsWith: "captchaByIp:" } } })).toBe(0);
  });
});
