import "server-only";
import argon2 from "argon2";
import { getEnv } from "@/env";
import { metrics } from "@/server/observability/metrics";
import { argon2Hash, argon2Verify, type Argon2Params } from "./hash-pool";
import { normalizePassword } from "@/lib/password-policy/profiles";

/**
 * argon2id hashing (SECURITY.md "Hashing"). argon2 runs in its own process
 * at the lowest CPU priority (hash-pool.ts), so pages stay fast while it
 * runs flat out; in front of it a bounded queue keeps a burst of logons from
 * piling up: past ARGON2_MAX_QUEUE waiting jobs the caller gets
 * HashBusyError and the user a clear "busy, try again".
 */
export class HashBusyError extends Error {
  constructor() {
    super("Password hashing is busy");
    this.name = "HashBusyError";
  }
}

let running = 0;
const waiting: Array<() => void> = [];

const m = metrics();
m.setGauge("argon2.running", () => running);
m.setGauge("argon2.waiting", () => waiting.length);

async function withSlot<T>(job: () => Promise<T>): Promise<T> {
  const env = getEnv();
  const queued = performance.now();
  if (running >= env.ARGON2_MAX_CONCURRENCY) {
    if (waiting.length >= env.ARGON2_MAX_QUEUE) throw new HashBusyError();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running++;
  }
  m.hashWait.observe((performance.now() - queued) / 1000);
  try {
    return await job();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** argon2id's parameters from the configuration (SECURITY.md "Hashing"). */
export function argon2Params(): Argon2Params {
  const env = getEnv();
  return { memoryCost: env.ARGON2_MEMORY_KIB, timeCost: env.ARGON2_TIME_COST, parallelism: env.ARGON2_PARALLELISM };
}

function options() {
  return { type: argon2.argon2id, ...argon2Params() } as const;
}

export function hashSecret(secret: string): Promise<string> {
  return withSlot(() => argon2Hash(secret, argon2Params()));
}

/**
 * False for a malformed hash instead of throwing: a bad row must not become a 500. A hashing process
 * that stopped is a fault, not a wrong password: it throws.
 */
export function verifySecret(hash: string, secret: string): Promise<boolean> {
  return withSlot(() => argon2Verify(hash, secret));
}

/**
 * A password's hash and its check: the same argon2id, of the password NFKC-normalized
 * (normalizePassword; NIST SP 800-63B-4 §3.1.1.2). Printable ASCII is its own NFKC form, so
 * every hash made before normalization still verifies.
 */
export const hashPassword = (password: string): Promise<string> => hashSecret(normalizePassword(password));
export const verifyPassword = (hash: string, password: string): Promise<boolean> => verifySecret(hash, normalizePassword(password));

/** True when the hash was made with other parameters than the configured ones. */
export function needsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, options());
  } catch {
    return true;
  }
}

let dummy: { params: string; hash: string } | undefined;
let dummyPending: Promise<string> | undefined;

/**
 * The hash an unknown address is checked against, made with the configured
 * parameters. Made outside the queue (at start-up by src/instrumentation.ts,
 * else on first use) so that an unknown address takes exactly one queue
 * slot, like a known one; a failure is never kept, the next call tries again.
 */
export function prepareDummyHash(): Promise<string> {
  const params = JSON.stringify(options());
  if (dummy?.params === params) return Promise.resolve(dummy.hash);
  dummyPending ??= argon2Hash("postkey-dummy-password-for-timing", argon2Params())
    .then((hash) => {
      dummy = { params, hash };
      return hash;
    })
    .finally(() => {
      dummyPending = undefined;
    });
  return dummyPending;
}

/** Spends the time of a real verify, so an unknown account answers as slowly as a known one. */
export async function verifyAgainstDummy(secret: string): Promise<false> {
  await verifySecret(await prepareDummyHash(), secret);
  return false;
}

/** The hashing queue now (readiness, tests and the benchmark); `saturated` when one more job would be refused. */
export function hashQueueStats() {
  return { running, waiting: waiting.length, saturated: waiting.length >= getEnv().ARGON2_MAX_QUEUE };
}
