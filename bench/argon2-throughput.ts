/**
 * argon2id at the configured parameters (SECURITY.md "Hashing": m = 19,456
 * KiB, t = 2, p = 1 by default): the latency of one hash and one verify
 * (p50/p95, one at a time), and the throughput through the app's bounded
 * queue with ARGON2_MAX_CONCURRENCY jobs in flight. Capacity planning for
 * logons, resets and security-question checks.
 */
import { percentile, round, timed } from "./stats";

export interface Argon2Result {
  name: "argon2-throughput";
  params: { memoryKiB: number; timeCost: number; parallelism: number; maxConcurrency: number; maxQueue: number };
  hash: { samples: number; p50Ms: number; p95Ms: number; opsPerSec: number };
  verify: { samples: number; p50Ms: number; p95Ms: number; opsPerSec: number };
}

async function latencies(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await timed(fn)).ms);
  return out;
}

/** Completed operations per second with `concurrency` callers for about `durationMs`. */
async function throughput(concurrency: number, durationMs: number, fn: () => Promise<unknown>): Promise<number> {
  let done = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (performance.now() - t0 < durationMs) {
      await fn();
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done / ((performance.now() - t0) / 1000);
}

export async function benchArgon2(samples: number, durationMs: number): Promise<Argon2Result> {
  const { getEnv } = await import("../src/env");
  const { hashSecret, verifySecret } = await import("../src/server/security/password-hash");
  const env = getEnv();
  const password = "Blue#Harbor2026";
  const stored = await hashSecret(password);
  const hash = () => hashSecret(password);
  const verify = () => verifySecret(stored, password);

  await latencies(3, hash); // warm-up: thread pool, memory
  const hashMs = await latencies(samples, hash);
  const verifyMs = await latencies(samples, verify);
  const hashOps = await throughput(env.ARGON2_MAX_CONCURRENCY, durationMs, hash);
  const verifyOps = await throughput(env.ARGON2_MAX_CONCURRENCY, durationMs, verify);
  return {
    name: "argon2-throughput",
    params: {
      memoryKiB: env.ARGON2_MEMORY_KIB,
      timeCost: env.ARGON2_TIME_COST,
      parallelism: env.ARGON2_PARALLELISM,
      maxConcurrency: env.ARGON2_MAX_CONCURRENCY,
      maxQueue: env.ARGON2_MAX_QUEUE,
    },
    hash: { samples, p50Ms: round(percentile(hashMs, 50)), p95Ms: round(percentile(hashMs, 95)), opsPerSec: round(hashOps, 1) },
    verify: { samples, p50Ms: round(percentile(verifyMs, 50)), p95Ms: round(percentile(verifyMs, 95)), opsPerSec: round(verifyOps, 1) },
  };
}

export function printArgon2(r: Argon2Result): void {
  const p = r.params;
  console.log(
    `\nargon2id m=${p.memoryKiB} KiB t=${p.timeCost} p=${p.parallelism} (queue: ${p.maxConcurrency} running, ${p.maxQueue} waiting)`,
  );
  console.log(`${"operation".padEnd(12)}${"p50".padStart(10)}${"p95".padStart(10)}${`ops/s @${p.maxConcurrency}`.padStart(14)}`);
  for (const [label, s] of [
    ["hash", r.hash],
    ["verify", r.verify],
  ] as const) {
    console.log(`${label.padEnd(12)}${`${s.p50Ms} ms`.padStart(10)}${`${s.p95Ms} ms`.padStart(10)}${String(s.opsPerSec).padStart(14)}`);
  }
}
