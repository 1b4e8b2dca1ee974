import { PrismaPg } from "@prisma/adapter-pg";
import { Client, Pool } from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { getEnv } from "@/env";
import { isDatabaseDown, markDatabaseDown, markDatabaseUp, offShutdown, onShutdown } from "@/server/lifecycle";
import { componentLogger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { isDatabaseUnavailableError } from "./database-errors";

/**
 * The one Prisma client, over @prisma/adapter-pg (no engine binary). Password
 * and answer hashes are omitted globally so they cannot leak into a page;
 * the few functions that verify them ask with `omit: { passwordHash: false }`.
 *
 * The pool is bounded in time as well as size: a database that does not
 * answer fails a request within seconds (a clear "temporarily unavailable",
 * see database-outage.ts), never hangs it; a connection the server dropped
 * is replaced on the next query, so the app recovers by itself.
 */
export const POOL_SIZE = 10;

function createClient(url: string) {
  const pool = new Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // Postgres ends a statement stuck for this long (a lock held by a dead peer, say).
    statement_timeout: 30_000,
  });
  // An idle connection the server ended (a restart) emits 'error' on the pool: the first sign of an outage.
  pool.on("error", (e) => void noteDatabaseError(e));
  const m = metrics();
  m.setGauge("pool.app.total", () => pool.totalCount);
  m.setGauge("pool.app.idle", () => pool.idleCount);
  m.setGauge("pool.app.waiting", () => pool.waitingCount);
  return { client: prismaClient(pool), pool };
}

function prismaClient(pool: Pool) {
  return new PrismaClient({
    adapter: new PrismaPg(pool),
    omit: {
      mailAccount: { passwordHash: true, totpSecret: true, totpPendingSecret: true },
      twoStepRecoveryCode: { codeHash: true },
      cloudAccount: { passwordHash: true, totpSecret: true, totpPendingSecret: true },
      securityQuestion: { answerHash: true },
      passwordHistory: { passwordHash: true },
      captchaChallenge: { answerHash: true },
      verification: { codeHash: true },
    },
  });
}

export type Db = ReturnType<typeof prismaClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * What runs once a transaction has committed, never when it rolls back (a log
 * line or a metric for an audit event must mean the event was stored). Every
 * interactive transaction goes through transaction(), which owns its queue;
 * lint refuses `$transaction` with a function anywhere else.
 */
const commitQueues = new WeakMap<object, Array<() => void>>();

/** Runs fn after the commit of `tx` when it is a transaction(); outside one, at once. */
export function afterCommit(tx: Tx | Db, fn: () => void): void {
  const queue = commitQueues.get(tx);
  if (queue) queue.push(fn);
  else fn();
}

/** One interactive transaction on the app's database: fn's writes commit together, then what fn queued with afterCommit runs. */
export async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const queue: Array<() => void> = [];
  const result = await getDb().$transaction((tx) => {
    commitQueues.set(tx, queue);
    return fn(tx);
  });
  for (const run of queue) run();
  return result;
}

const globalForDb = globalThis as unknown as { postkeyDb?: { client: Db; pool: Pool }; postkeyDbProbe?: ReturnType<typeof setInterval> };

const PROBE_EVERY_MS = 1_000;

/**
 * Called with any error a request met: when it says the database is
 * unreachable, the app enters its outage mode (logged once): pages get the
 * 503 page, actions a form error, and a probe (SELECT 1 each second) ends
 * the outage as soon as the database answers, with no restart. Returns
 * whether the error was such an outage.
 */
export function noteDatabaseError(error: unknown): boolean {
  if (!isDatabaseUnavailableError(error)) return false;
  if (markDatabaseDown()) {
    componentLogger("database").error({ err: error }, "the database is unreachable: answering 503 until it is back");
    globalForDb.postkeyDbProbe ??= setInterval(() => void probeDatabase(), PROBE_EVERY_MS);
    globalForDb.postkeyDbProbe.unref?.();
  }
  return true;
}

/**
 * One probe at a time, on a connection of its own (not the app's pool, whose
 * waiting queue may be full while the database is slow): when it answers,
 * the outage is over.
 */
let probing = false;
async function probeDatabase(): Promise<void> {
  if (!globalForDb.postkeyDb || !isDatabaseDown()) return stopProbe();
  if (probing) return;
  probing = true;
  const client = new Client({ connectionString: getEnv().DATABASE_URL, connectionTimeoutMillis: 2_000 });
  client.on("error", () => undefined);
  let reached = false;
  try {
    await client.connect();
    await client.query("SELECT 1");
    reached = true;
  } catch {
    // still down; the next tick tries again
  } finally {
    probing = false;
    await client.end().catch(() => undefined);
  }
  if (!reached) return;
  stopProbe();
  const lasted = markDatabaseUp();
  componentLogger("database").warn({ outageMs: lasted }, "the database is reachable again");
}

function stopProbe(): void {
  if (globalForDb.postkeyDbProbe) clearInterval(globalForDb.postkeyDbProbe);
  globalForDb.postkeyDbProbe = undefined;
}

export function getDb(): Db {
  if (!globalForDb.postkeyDb) {
    globalForDb.postkeyDb = createClient(getEnv().DATABASE_URL);
    onShutdown("database", disconnectDb);
  }
  return globalForDb.postkeyDb.client;
}

export async function disconnectDb(): Promise<void> {
  const db = globalForDb.postkeyDb;
  globalForDb.postkeyDb = undefined;
  offShutdown("database");
  stopProbe();
  await db?.client.$disconnect();
  await db?.pool.end().catch(() => undefined);
}
