/**
 * argon2id at the configured parameters (SECURITY.md "Hashing": m = 19,456
 * KiB, t = 2, p = 1 by default): the latency of one hash and one verify
 * (p50/p95, one at a time), and the throughput through the app's bounded
 * queue with ARGON2_MAX_CONCURRENCY jobs in flight. Capacity planning for
 * logons, resets and security-question checks.
 */
import { measureArgon2 } from "./argon2-bound";
import { percentile, round } from "./stats";

export interface Argon2Result {
  name: "argon2-throughput";
  params: { memoryKiB: number; timeCost: number; parallelism: number; maxConcurrency: number; maxQueue: number };
  hash: { samples: number; p50Ms: number; p95Ms: number; opsPerSec: number };
  verify: { samples: number; p50Ms: number; p95Ms: number; opsPerSec: number };
}

/** Through the app's queue (measureArgon2's "app"): one at a time `samples` times, then `durationMs` at ARGON2_MAX_CONCURRENCY. */
export async function benchArgon2(samples: number, durationMs: number): Promise<Argon2Result> {
  const { getEnv } = await import("../src/env");
  const env = getEnv();
  const figures = async (op: "hash" | "verify") => {
    // The first also warms up (thread pool, memory), as three hashes did before the samples.
    const alone = await measureArgon2({ op, via: "app", inFlight: 1, count: samples, warmUp: op === "hash" ? 3 : 0 });
    const full = await measureArgon2({ op, via: "app", inFlight: env.ARGON2_MAX_CONCURRENCY, ms: durationMs, warmUp: 0 });
    return { alone, full };
  };
  const hash = await figures("hash");
  const verify = await figures("verify");
  const row = ({ alone, full }: typeof hash) => ({
    samples,
    p50Ms: round(percentile(alone.latencies, 50)),
    p95Ms: round(percentile(alone.latencies, 95)),
    opsPerSec: round(full.perSecond, 1),
  });
  return {
    name: "argon2-throughput",
    params: {
      memoryKiB: env.ARGON2_MEMORY_KIB,
      timeCost: env.ARGON2_TIME_COST,
      parallelism: env.ARGON2_PARALLELISM,
      maxConcurrency: env.ARGON2_MAX_CONCURRENCY,
      maxQueue: env.ARGON2_MAX_QUEUE,
    },
    hash: row(hash),
    verify: row(verify),
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
