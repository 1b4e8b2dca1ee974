import "server-only";
import { createHash } from "node:crypto";
import { Pool } from "pg";
import { Redis } from "ioredis";
import { RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getEnv } from "@/env";
import { offShutdown, onShutdown } from "@/server/lifecycle";
import { componentLogger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { limitPolicy, type RateLimitPolicyName } from "./rate-limit-policies";

/**
 * Named limits (rate-limit-policies.ts) counted in Postgres, or in Redis when
 * REDIS_URL is set: never in process memory, so every app instance shares them.
 *
 * With Redis, each limiter has an insurance limiter on Postgres
 * (rate-limiter-flexible's insuranceLimiter): while Redis does not answer,
 * the same limits are counted in Postgres (from zero: Redis's counts are not
 * readable then), never "no limit at all". Redis commands fail fast (no
 * offline queue, a command timeout), the outage is logged once, and Redis
 * takes over again by itself when it is back.
 */
const g = globalThis as unknown as {
  postkeyLimiters?: Map<string, RateLimiterAbstract>;
  postkeyLimitPool?: Pool;
  postkeyLimitRedis?: Redis;
  postkeyRedisDown?: boolean;
  /** Settles when the first connection attempt has (or has not) succeeded. */
  postkeyRedisSettled?: Promise<void>;
};

function pool(): Pool {
  if (!g.postkeyLimitPool) {
    const p = new Pool({ connectionString: getEnv().DATABASE_URL, max: 4, connectionTimeoutMillis: 5_000 });
    // A connection the server ended (a restart): the pool replaces it; the request that needs it reports the outage.
    p.on("error", () => undefined);
    const m = metrics();
    m.setGauge("pool.limits.total", () => p.totalCount);
    m.setGauge("pool.limits.idle", () => p.idleCount);
    m.setGauge("pool.limits.waiting", () => p.waitingCount);
    g.postkeyLimitPool = p;
    onShutdown("rate-limit store", closeRateLimiters);
  }
  return g.postkeyLimitPool;
}

function redis(): Redis | null {
  const url = getEnv().REDIS_URL;
  if (!url) return null;
  if (!g.postkeyLimitRedis) {
    const r = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, commandTimeout: 1_000 });
    const log = componentLogger("rate-limit");
    const down = (e?: Error) => {
      if (g.postkeyRedisDown) return;
      g.postkeyRedisDown = true;
      log.error({ err: e }, "Redis is unreachable: limits are counted in PostgreSQL until it is back");
    };
    r.on("error", down);
    // The connection dropped and ioredis tries again: commands fail (no offline queue) until it is back.
    r.on("reconnecting", () => down());
    r.on("ready", () => {
      if (!g.postkeyRedisDown) return;
      g.postkeyRedisDown = false;
      log.warn("Redis is reachable again: limits are counted in Redis");
    });
    metrics().setGauge("limits.redisDown", () => (g.postkeyRedisDown ? 1 : 0));
    // Without an offline queue, a command sent before the first connection fails: wait for it (bounded) once.
    g.postkeyRedisSettled = new Promise<void>((resolve) => {
      r.once("ready", () => resolve());
      r.once("error", () => resolve());
      setTimeout(resolve, 2_000).unref();
    });
    g.postkeyLimitRedis = r;
    pool(); // the insurance store, and the shutdown hook
  }
  return g.postkeyLimitRedis;
}

/**
 * Readiness: Redis answers (PING) when configured, else null (the limits live
 * in PostgreSQL). "degraded" while the insurance limiter counts in its place.
 */
export async function pingRedisStore(): Promise<boolean | null> {
  const r = redis();
  if (!r) return null;
  try {
    return (await r.ping()) === "PONG";
  } catch {
    return false;
  }
}

/**
 * The library names its prepared statements; on PGlite every connection
 * shares one backend session, where a second PREPARE of the same name fails.
 * Unnamed statements work everywhere at no measurable cost.
 */
function unnamedStatements(p: Pool) {
  return {
    query: (q: string | { text: string; values?: unknown[] }, values?: unknown[]) =>
      typeof q === "string" ? p.query(q, values) : p.query({ text: q.text, values: q.values }),
  };
}

/** The policy's limiter, once the store has had its first chance to connect. */
async function limiter(name: RateLimitPolicyName): Promise<RateLimiterAbstract> {
  const l = limiterNow(name);
  await g.postkeyRedisSettled;
  return l;
}

function limiterNow(name: RateLimitPolicyName): RateLimiterAbstract {
  g.postkeyLimiters ??= new Map();
  let l = g.postkeyLimiters.get(name);
  if (!l) {
    const p = limitPolicy(name);
    const common = { keyPrefix: name, points: p.points, duration: p.durationSec, blockDuration: p.blockSec ?? 0 };
    const postgres = new RateLimiterPostgres({
      ...common,
      storeClient: unnamedStatements(pool()),
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      clearExpiredByTimeout: false,
    });
    const r = redis();
    l = r ? new RateLimiterRedis({ ...common, storeClient: r, insuranceLimiter: postgres }) : postgres;
    g.postkeyLimiters.set(name, l);
  }
  return l;
}

/**
 * Keys are addresses, IPs and ids; a long one (an address can have 254
 * characters) is stored as its SHA-256 so that "<policy>:<key>" always fits
 * the store's key column (255) and every key has a bounded size.
 */
const MAX_PLAIN_KEY = 128;

function storeKey(key: string): string {
  return key.length <= MAX_PLAIN_KEY ? key : `sha256:${createHash("sha256").update(key).digest("hex")}`;
}

export interface LimitState {
  allowed: boolean;
  /** Points used in the current window (after this call, for consume). */
  used: number;
  retryAfterMs: number;
}

function toState(res: RateLimiterRes | null, max: number): LimitState {
  if (!res) return { allowed: true, used: 0, retryAfterMs: 0 };
  return { allowed: res.consumedPoints <= max, used: res.consumedPoints, retryAfterMs: res.msBeforeNext };
}

/** Counts one (or `points`) against the policy; `allowed` is false once over the limit. */
export async function consumeLimit(name: RateLimitPolicyName, key: string, points = 1): Promise<LimitState> {
  const max = limitPolicy(name).points;
  try {
    return toState(await (await limiter(name)).consume(storeKey(key), points), max);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    metrics().rateLimitRefusals.inc({ limit: name });
    return { ...toState(e, max), allowed: false };
  }
}

/** Reads the policy's state without counting. */
export async function peekLimit(name: RateLimitPolicyName, key: string): Promise<LimitState> {
  const max = limitPolicy(name).points;
  const res = await (await limiter(name)).get(storeKey(key));
  if (!res) return { allowed: true, used: 0, retryAfterMs: 0 };
  // `allowed` here means one more would still be permitted; a block
  // (blockDuration) shows as consumedPoints above the maximum.
  return { allowed: res.consumedPoints < max, used: res.consumedPoints, retryAfterMs: res.msBeforeNext };
}

/** Gives back `points` counted for something that did not happen (an SMS the provider did not take). */
export async function refundLimit(name: RateLimitPolicyName, key: string, points = 1): Promise<void> {
  await (await limiter(name)).reward(storeKey(key), points);
}

export async function resetLimit(name: RateLimitPolicyName, key: string): Promise<void> {
  await (await limiter(name)).delete(storeKey(key));
}

/** Starts the policy's block now (blockSec, or the window when it has none). */
export async function blockLimit(name: RateLimitPolicyName, key: string): Promise<void> {
  const p = limitPolicy(name);
  await (await limiter(name)).block(storeKey(key), p.blockSec ?? p.durationSec);
}

/** Drops the limiters and their store connections (tests switch stores; shutdown). */
export async function closeRateLimiters(): Promise<void> {
  const { postkeyLimitRedis: r, postkeyLimitPool: p } = g;
  g.postkeyLimiters = undefined;
  g.postkeyLimitRedis = undefined;
  g.postkeyLimitPool = undefined;
  g.postkeyRedisDown = undefined;
  g.postkeyRedisSettled = undefined;
  offShutdown("rate-limit store");
  r?.disconnect();
  await p?.end();
}
