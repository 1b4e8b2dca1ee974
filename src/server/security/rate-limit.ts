import "server-only";
import { createHash } from "node:crypto";
import { Pool } from "pg";
import { Redis } from "ioredis";
import { RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getEnv } from "@/env";
import { offShutdown, onShutdown } from "@/server/lifecycle";
import { componentLogger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { limitPolicy, type BlockingPolicyName, type RateLimitPolicyName } from "./rate-limit-policies";

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
 *
 * Blocks are kept in both stores (docs/decisions/0004): a count may restart
 * from zero in an outage, a running block must not (an IP's hour after 50
 * failed logons, an account's 24 h questions block or 1 h recovery block).
 * blockLimit() writes the block to Postgres as well, and every peek and
 * consume of a blocking policy reads Postgres beside Redis, so a block holds
 * while Redis is down, when it comes back empty, and when it was started
 * during the outage. Failing closed instead (refusing every blocking policy
 * while Redis is down) would lock every user out of logon and recovery for
 * the whole outage; one primary-key read per check is the cheaper price.
 */
/** A policy's limiter, and its Postgres one (the same object without Redis; the insurance with it). */
interface Limiters {
  main: RateLimiterAbstract;
  postgres: RateLimiterAbstract;
}

const g = globalThis as unknown as {
  postkeyLimiters?: Map<string, Limiters>;
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

/** The policy's limiters, once the store has had its first chance to connect. */
async function limiters(name: RateLimitPolicyName): Promise<Limiters> {
  const l = limitersNow(name);
  await g.postkeyRedisSettled;
  return l;
}

const limiter = async (name: RateLimitPolicyName) => (await limiters(name)).main;

function limitersNow(name: RateLimitPolicyName): Limiters {
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
    l = { main: r ? new RateLimiterRedis({ ...common, storeClient: r, insuranceLimiter: postgres }) : postgres, postgres };
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

/**
 * A block of a blocking policy as Postgres holds it, when Redis is the store
 * (without Redis, Postgres is the store and the limiter reads it). Over the
 * limit there is a block: blockLimit() sets points + 1, and a count past the
 * limit of these policies refuses anyway.
 */
async function blockInPostgres(name: RateLimitPolicyName, key: string): Promise<LimitState | null> {
  const policy = limitPolicy(name);
  if (!policy.blocks || !redis()) return null;
  const res = await (await limiters(name)).postgres.get(key);
  return res && res.consumedPoints > policy.points ? { allowed: false, used: res.consumedPoints, retryAfterMs: res.msBeforeNext } : null;
}

/** Counts one (or `points`) against the policy; `allowed` is false once over the limit. */
export async function consumeLimit(name: RateLimitPolicyName, key: string, points = 1): Promise<LimitState> {
  const max = limitPolicy(name).points;
  // A running block refuses before anything is counted; a give-back (negative points) is never refused.
  const blocked = points > 0 ? await blockInPostgres(name, storeKey(key)) : null;
  if (blocked) {
    metrics().rateLimitRefusals.inc({ limit: name });
    return blocked;
  }
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
  const [res, blocked] = await Promise.all([(await limiter(name)).get(storeKey(key)), blockInPostgres(name, storeKey(key))]);
  if (blocked) return blocked;
  if (!res) return { allowed: true, used: 0, retryAfterMs: 0 };
  // `allowed` here means one more would still be permitted; a block
  // (blockDuration) shows as consumedPoints above the maximum.
  return { allowed: res.consumedPoints < max, used: res.consumedPoints, retryAfterMs: res.msBeforeNext };
}

/** Gives back `points` counted for something that did not happen (an SMS the provider did not take). */
export async function refundLimit(name: RateLimitPolicyName, key: string, points = 1): Promise<void> {
  await (await limiter(name)).reward(storeKey(key), points);
}

/** Clears the key's count (and block) in every store that may hold it. */
export async function resetLimit(name: RateLimitPolicyName, key: string): Promise<void> {
  const { main, postgres } = await limiters(name);
  const both = limitPolicy(name).blocks && main !== postgres;
  await Promise.all([main.delete(storeKey(key)), both ? postgres.delete(storeKey(key)) : null]);
}

/** Starts the policy's block now (blockSec, or the window when it has none), in Redis and Postgres alike. */
export async function blockLimit(name: BlockingPolicyName, key: string): Promise<void> {
  const p = limitPolicy(name);
  const { main, postgres } = await limiters(name);
  const seconds = p.blockSec ?? p.durationSec;
  await Promise.all([main.block(storeKey(key), seconds), main !== postgres ? postgres.block(storeKey(key), seconds) : null]);
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
