import "server-only";
import { createHash } from "node:crypto";
import { Pool } from "pg";
import { Redis } from "ioredis";
import { RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getEnv } from "@/env";
import { offShutdown, onShutdown } from "@/server/lifecycle";
import { limitPolicy, type RateLimitPolicyName } from "./rate-limit-policies";

/**
 * Named limits (rate-limit-policies.ts) counted in Postgres, or in Redis when
 * REDIS_URL is set: never in process memory, so every app instance shares them.
 */
const g = globalThis as unknown as { postkeyLimiters?: Map<string, RateLimiterAbstract>; postkeyLimitStore?: Pool | Redis };

function store(): Pool | Redis {
  if (!g.postkeyLimitStore) {
    const env = getEnv();
    g.postkeyLimitStore = env.REDIS_URL
      ? new Redis(env.REDIS_URL, { enableOfflineQueue: true, maxRetriesPerRequest: 2 })
      : new Pool({ connectionString: env.DATABASE_URL, max: 4 });
    onShutdown("rate-limit store", closeRateLimiters);
  }
  return g.postkeyLimitStore;
}

/** Whether the limits' own store answers: Redis when configured (PING), else null (the limits live in PostgreSQL). */
export async function pingRedisStore(): Promise<boolean | null> {
  if (!getEnv().REDIS_URL) return null;
  const s = store();
  if (!(s instanceof Redis)) return null;
  return (await s.ping()) === "PONG";
}

/**
 * The library names its prepared statements; on PGlite every connection
 * shares one backend session, where a second PREPARE of the same name fails.
 * Unnamed statements work everywhere at no measurable cost.
 */
function unnamedStatements(pool: Pool) {
  return {
    query: (q: string | { text: string; values?: unknown[] }, values?: unknown[]) =>
      typeof q === "string" ? pool.query(q, values) : pool.query({ text: q.text, values: q.values }),
  };
}

function limiter(name: RateLimitPolicyName): RateLimiterAbstract {
  g.postkeyLimiters ??= new Map();
  let l = g.postkeyLimiters.get(name);
  if (!l) {
    const p = limitPolicy(name);
    const common = { keyPrefix: name, points: p.points, duration: p.durationSec, blockDuration: p.blockSec ?? 0 };
    const s = store();
    l =
      s instanceof Redis
        ? new RateLimiterRedis({ ...common, storeClient: s })
        : new RateLimiterPostgres({
            ...common,
            storeClient: unnamedStatements(s),
            storeType: "pool",
            tableName: "rate_limits",
            tableCreated: true,
            clearExpiredByTimeout: false,
          });
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
    return toState(await limiter(name).consume(storeKey(key), points), max);
  } catch (e) {
    if (e instanceof RateLimiterRes) return { ...toState(e, max), allowed: false };
    throw e;
  }
}

/** Reads the policy's state without counting. */
export async function peekLimit(name: RateLimitPolicyName, key: string): Promise<LimitState> {
  const max = limitPolicy(name).points;
  const res = await limiter(name).get(storeKey(key));
  if (!res) return { allowed: true, used: 0, retryAfterMs: 0 };
  // `allowed` here means one more would still be permitted; a block
  // (blockDuration) shows as consumedPoints above the maximum.
  return { allowed: res.consumedPoints < max, used: res.consumedPoints, retryAfterMs: res.msBeforeNext };
}

export async function resetLimit(name: RateLimitPolicyName, key: string): Promise<void> {
  await limiter(name).delete(storeKey(key));
}

/** Starts the policy's block now (blockSec, or the window when it has none). */
export async function blockLimit(name: RateLimitPolicyName, key: string): Promise<void> {
  const p = limitPolicy(name);
  await limiter(name).block(storeKey(key), p.blockSec ?? p.durationSec);
}

/** Drops the limiters and their store connection (tests switch stores; shutdown). */
export async function closeRateLimiters(): Promise<void> {
  const s = g.postkeyLimitStore;
  g.postkeyLimiters = undefined;
  g.postkeyLimitStore = undefined;
  offShutdown("rate-limit store");
  if (s instanceof Redis) s.disconnect();
  else await s?.end();
}
