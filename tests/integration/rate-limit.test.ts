import net from "node:net";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { MINUTE } from "@/server/clock";
import { getDb } from "@/server/db";
import { blockLimit, closeRateLimiters, consumeLimit, peekLimit, resetLimit } from "@/server/security/rate-limit";
import { resetDatabase } from "../support/db";
import { useFakeClock } from "../support/fixtures";

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

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const redisAnswers = await new Promise<boolean>((resolve) => {
  const u = new URL(REDIS_URL);
  const socket = net.connect(Number(u.port || 6379), u.hostname, () => {
    socket.end();
    resolve(true);
  });
  socket.on("error", () => resolve(false));
  socket.setTimeout(1000, () => {
    socket.destroy();
    resolve(false);
  });
});

describe.skipIf(!redisAnswers)("rate limits counted in Redis when REDIS_URL is set", () => {
  beforeEach(async () => {
    process.env.REDIS_URL = REDIS_URL;
    resetEnvCache();
    await closeRateLimiters();
  });
  afterAll(async () => {
    delete process.env.REDIS_URL;
    resetEnvCache();
    await closeRateLimiters();
  });

  it("counts, refuses past the limit and resets, with nothing written to Postgres", async () => {
    const key = `redis-test-${Date.now()}-${Math.random()}`;
    const before = await getDb().rateLimit.count();
    for (let i = 1; i <= 5; i++) expect((await consumeLimit("recoverySmsByAccountHour", key)).allowed).toBe(true);
    expect((await consumeLimit("recoverySmsByAccountHour", key)).allowed).toBe(false);
    await closeRateLimiters();
    expect((await peekLimit("recoverySmsByAccountHour", key)).used).toBe(6);
    await resetLimit("recoverySmsByAccountHour", key);
    expect((await peekLimit("recoverySmsByAccountHour", key)).used).toBe(0);
    expect(await getDb().rateLimit.count()).toBe(before);
  });
});
