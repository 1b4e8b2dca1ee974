import argon2 from "argon2";
import { ownCpuMs } from "./cpu";

/**
 * The benchmarks' one argon2 measure (docs/performance.md, ADR 0009): argon2id at the app's parameters
 * (SECURITY.md "Hashing"), `inFlight` operations at once, for `ms` or until `count` are done, after
 * `warmUp` alone. Every figure that is a ratio to what the machine's hasher can do divides by what this
 * returns: the logon target's bound (verifies/s), the time of one verify alone that the reset targets'
 * bounds are made of, the argon2 phase's latencies and throughput, the bulk reset's hashing alone.
 *
 * `via`: "argon2" is argon2 itself in this process, nothing around it (the bound of `bench -- http`);
 * "app" goes through the app's queue and its hashing process (hashSecret and verifySecret), as a
 * request's hash does (the in-process phases, which run the app's code in this process).
 */
export interface Argon2Measure {
  op: "hash" | "verify";
  via: "argon2" | "app";
  inFlight: number;
  /** Operations measured (the warm-up not counted). */
  done: number;
  /** Wall time of the measured operations. */
  seconds: number;
  perSecond: number;
  /** Each operation's latency, in ms. */
  latencies: number[];
  /** This process's CPU per operation, in ms (via "argon2": all of an operation's; via "app": the queue's side only). */
  cpuMsEach: number;
}

const SECRET = "Bench#Argon2026";

export async function measureArgon2(opts: {
  op: "hash" | "verify";
  inFlight: number;
  ms?: number;
  count?: number;
  via?: "argon2" | "app";
  warmUp?: number;
}): Promise<Argon2Measure> {
  const { op, inFlight, via = "argon2", warmUp = 1 } = opts;
  if ((opts.ms === undefined) === (opts.count === undefined)) throw new Error("measureArgon2: give either ms or count");
  const { argon2Params, hashSecret, verifySecret } = await import("../src/server/security/password-hash");
  const params = { type: argon2.argon2id, ...argon2Params() } as const;
  const hash = via === "argon2" ? () => argon2.hash(SECRET, params) : () => hashSecret(SECRET);
  const stored = await hash();
  const verify = via === "argon2" ? () => argon2.verify(stored, SECRET) : () => verifySecret(stored, SECRET);
  const run: () => Promise<unknown> = op === "hash" ? hash : verify;

  for (let i = 0; i < warmUp; i++) await run();
  const latencies: number[] = [];
  let started = 0;
  const cpu0 = ownCpuMs();
  const t0 = performance.now();
  const more = () => (opts.ms !== undefined ? performance.now() - t0 < opts.ms : started < (opts.count ?? 0));
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (more()) {
        started++;
        const t = performance.now();
        await run();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return {
    op,
    via,
    inFlight,
    done: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    latencies,
    cpuMsEach: (ownCpuMs() - cpu0) / latencies.length,
  };
}
