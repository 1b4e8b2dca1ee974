/**
 * SECURITY.md: an unknown address, a disabled account and an account with no
 * usable method get the same answer *and the same timing within 25 ms at the
 * median* at step 1 of Forgot Password. This measures startRecovery (a passed
 * image code each time, created outside the timed call) N times per case,
 * interleaved in a rotating order, and checks every median against every
 * other — the available account (alice) included. One measurement for both
 * gates: `npm run bench` (many calls) and `npm test`
 * (tests/integration/enumeration-timing.test.ts, fewer calls, same rule).
 */
import type { RequestMeta } from "../src/server/request-meta";
import { median, percentile, round, timed } from "./stats";
import { DEMO } from "../tests/support/demo-accounts";

export const TOLERANCE_MS = 25;

export interface EnumerationCase {
  name: string;
  address: string;
  available: boolean;
}

export const CASES: EnumerationCase[] = [
  { name: "unknown address", address: "nobody@example.com", available: false },
  { name: "disabled account (dan)", address: DEMO.dan.email, available: false },
  { name: "no method (bob)", address: DEMO.bob.email, available: false },
  { name: "domain disallows SMS (erin)", address: DEMO.erin.email, available: false },
  { name: "postmaster, one method of two", address: DEMO.postmaster.email, available: false },
  { name: "has methods (alice)", address: DEMO.alice.email, available: true },
];

export interface EnumerationCaseResult {
  name: string;
  available: boolean;
  /** Median excess over the other cases' calls of the same round (the compared figure). */
  excessMs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

export interface EnumerationResult {
  name: "recovery-enumeration";
  iterations: number;
  toleranceMs: number;
  cases: EnumerationCaseResult[];
  spreadMs: number;
  pass: boolean;
  failures: string[];
}

/** A distinct IP per call, so neither the starts-per-IP cap nor the images-per-IP cap is reached. */
function metaFor(i: number, c: number, warm: boolean): RequestMeta {
  return { ip: `10.${warm ? 200 + c : c}.${i >> 8}.${i & 255}`, userAgent: "postkey-bench" };
}

/**
 * The demo data (freshly seeded, image codes in test mode) has the unknown
 * address, the no-method account (bob) and the postmaster with one method of
 * the two it needs; this makes the other two kinds: a disabled account and a
 * domain that disallows its accounts' only method.
 */
export async function prepareEnumerationCases(): Promise<void> {
  const { getDb } = await import("../src/server/db");
  await getDb().mailAccount.update({ where: { address: DEMO.dan.email }, data: { status: "DISABLED" } });
  await getDb().domain.update({ where: { name: "example.org" }, data: { allowSmsRecovery: false } });
}

/**
 * Milliseconds of `iterations` startRecovery calls per case (after `warmup`
 * rounds not kept), one call per case per round in a rotating order, so
 * whatever else the machine does falls on every case alike. A call whose
 * answer is not its case's (available or not) throws: the cases are what they say.
 */
export async function sampleEnumeration(iterations: number, warmup: number, cases = CASES): Promise<number[][]> {
  const { getDb } = await import("../src/server/db");
  const { newToken } = await import("../src/server/ids");
  const { startRecovery } = await import("../src/server/recovery/start-recovery");

  /**
   * A live image challenge as createCaptchaChallenge stores it, without drawing its image: the drawing is
   * outside the timed call and would only triple the measurement's length (test mode passes its fixed word).
   */
  async function liveChallenge(ip: string): Promise<string> {
    const id = newToken();
    const createdAt = new Date();
    const expiresAt = new Date(createdAt.getTime() + 120_000);
    await getDb().captchaChallenge.create({ data: { id, answerHash: "-", expiresAt, ip, createdAt } });
    return id;
  }

  async function once(i: number, c: number, warm: boolean): Promise<number> {
    const meta = metaFor(i, c, warm);
    const captchaId = await liveChallenge(meta.ip);
    const run = await timed(() =>
      startRecovery({ flowId: undefined, address: cases[c].address, captchaId, captchaAnswer: "PASSED" }, meta),
    );
    if (run.value.ok !== cases[c].available) throw new Error(`${cases[c].name}: unexpected result ${JSON.stringify(run.value)}`);
    return run.ms;
  }

  const samples: number[][] = cases.map(() => []);
  for (let i = 0; i < warmup + iterations; i++) {
    // Rotate the order, so no case always runs first (cold) or last.
    for (let k = 0; k < cases.length; k++) {
      const c = (i + k) % cases.length;
      const ms = await once(i, c, i < warmup);
      if (i >= warmup) samples[c].push(ms);
    }
  }
  return samples;
}

/**
 * Each case's median excess over the other cases: in every round, a call's
 * time less the median of the other cases' calls of that round (run back to
 * back with it), then the median of those differences over the rounds. Two
 * cases' excesses differ by their difference at the median, with whatever
 * the machine was doing during a round taken out: on a 2-core machine under
 * a load of 16-24 the medians of the raw times drifted up to 15 ms apart
 * (once 35) while these stayed within 10 ms.
 */
function medianExcess(samples: number[][]): number[] {
  const rounds = Math.min(...samples.map((s) => s.length));
  return samples.map((own, c) =>
    median(Array.from({ length: rounds }, (_, r) => own[r] - median(samples.filter((_, k) => k !== c).map((s) => s[r])))),
  );
}

/** Every case that cannot self-serve against every other case: within `toleranceMs` at the median (medianExcess). */
export function compareEnumeration(samples: number[][], cases = CASES, toleranceMs = TOLERANCE_MS): EnumerationResult {
  const excess = medianExcess(samples);
  const results = cases.map((c, idx) => ({
    name: c.name,
    available: c.available,
    excessMs: round(excess[idx]),
    medianMs: round(median(samples[idx])),
    p95Ms: round(percentile(samples[idx], 95)),
    minMs: round(Math.min(...samples[idx])),
    maxMs: round(Math.max(...samples[idx])),
  }));
  const failures: string[] = [];
  for (const a of results.filter((c) => !c.available)) {
    for (const b of results) {
      if (a === b) continue;
      const diff = Math.abs(a.excessMs - b.excessMs);
      if (diff > toleranceMs) failures.push(`${a.name} vs ${b.name}: ${round(diff)} ms apart at the median (> ${toleranceMs} ms)`);
    }
  }
  return {
    name: "recovery-enumeration",
    iterations: Math.min(...samples.map((s) => s.length)),
    toleranceMs,
    cases: results,
    spreadMs: round(Math.max(...excess) - Math.min(...excess)),
    pass: failures.length === 0,
    failures,
  };
}

export async function benchRecoveryEnumeration(iterations: number, warmup = 10): Promise<EnumerationResult> {
  await prepareEnumerationCases();
  return compareEnumeration(await sampleEnumeration(iterations, warmup));
}

export function printEnumeration(r: EnumerationResult): void {
  const cols = ["excess", "median", "p95", "min", "max"];
  console.log(`\nForgot Password step 1 — timing parity (${r.iterations} calls per case, interleaved)`);
  console.log(`${"case".padEnd(32)}${cols.map((c) => c.padStart(10)).join("")}`);
  for (const c of r.cases) {
    const values = [c.excessMs, c.medianMs, c.p95Ms, c.minMs, c.maxMs];
    console.log(`${c.name.padEnd(32)}${values.map((v) => `${v} ms`.padStart(10)).join("")}`);
  }
  console.log(`spread at the median (excess over the other cases, round by round): ${r.spreadMs} ms (tolerance ${r.toleranceMs} ms)`);
  for (const c of r.cases.filter((x) => !x.available)) {
    const worst = Math.max(...r.cases.filter((o) => o !== c).map((o) => Math.abs(o.excessMs - c.excessMs)));
    console.log(
      `  ${c.name}: within ${r.toleranceMs} ms of the others and of the available case: ${worst <= r.toleranceMs ? "yes" : "NO"} (worst ${round(worst)} ms)`,
    );
  }
  console.log(r.pass ? "PASS" : `FAIL\n  ${r.failures.join("\n  ")}`);
}
