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

export const TOLERANCE_MS = 25;

export interface EnumerationCase {
  name: string;
  address: string;
  available: boolean;
}

export const CASES: EnumerationCase[] = [
  { name: "unknown address", address: "nobody@example.com", available: false },
  { name: "disabled account (dan)", address: "dan@example.com", available: false },
  { name: "no method (bob)", address: "bob@example.com", available: false },
  { name: "domain disallows SMS (erin)", address: "erin@example.org", available: false },
  { name: "postmaster, one method of two", address: "postmaster@example.com", available: false },
  { name: "has methods (alice)", address: "alice@example.com", available: true },
];

export interface EnumerationCaseResult {
  name: string;
  available: boolean;
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
  await getDb().mailAccount.update({ where: { address: "dan@example.com" }, data: { status: "DISABLED" } });
  await getDb().domain.update({ where: { name: "example.org" }, data: { allowSmsRecovery: false } });
}

/**
 * Milliseconds of `iterations` startRecovery calls per case (after `warmup`
 * rounds not kept), one call per case per round in a rotating order, so
 * whatever else the machine does falls on every case alike. A call whose
 * answer is not its case's (available or not) throws: the cases are what they say.
 */
export async function sampleEnumeration(iterations: number, warmup: number, cases = CASES): Promise<number[][]> {
  const { createCaptchaChallenge } = await import("../src/server/captcha/create-captcha");
  const { startRecovery } = await import("../src/server/recovery/start-recovery");

  async function once(i: number, c: number, warm: boolean): Promise<number> {
    const meta = metaFor(i, c, warm);
    const captcha = await createCaptchaChallenge(meta);
    if (!captcha.ok) throw new Error("captcha rate limited while measuring");
    const run = await timed(() =>
      startRecovery(undefined, { address: cases[c].address, captchaId: captcha.id, captchaAnswer: "PASSED" }, meta),
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

/** Every case that cannot self-serve against every other case: medians within `toleranceMs`. */
export function compareEnumeration(samples: number[][], cases = CASES, toleranceMs = TOLERANCE_MS): EnumerationResult {
  const results = cases.map((c, idx) => ({
    name: c.name,
    available: c.available,
    medianMs: round(median(samples[idx])),
    p95Ms: round(percentile(samples[idx], 95)),
    minMs: round(Math.min(...samples[idx])),
    maxMs: round(Math.max(...samples[idx])),
  }));
  const failures: string[] = [];
  for (const a of results.filter((c) => !c.available)) {
    for (const b of results) {
      if (a === b) continue;
      const diff = Math.abs(a.medianMs - b.medianMs);
      if (diff > toleranceMs) failures.push(`${a.name} vs ${b.name}: medians differ by ${round(diff)} ms (> ${toleranceMs} ms)`);
    }
  }
  const medians = results.map((c) => c.medianMs);
  return {
    name: "recovery-enumeration",
    iterations: Math.min(...samples.map((s) => s.length)),
    toleranceMs,
    cases: results,
    spreadMs: round(Math.max(...medians) - Math.min(...medians)),
    pass: failures.length === 0,
    failures,
  };
}

export async function benchRecoveryEnumeration(iterations: number, warmup = 10): Promise<EnumerationResult> {
  await prepareEnumerationCases();
  return compareEnumeration(await sampleEnumeration(iterations, warmup));
}

export function printEnumeration(r: EnumerationResult): void {
  console.log(`\nForgot Password step 1 — timing parity (${r.iterations} calls per case, interleaved)`);
  console.log(`${"case".padEnd(32)}${"median".padStart(10)}${"p95".padStart(10)}${"min".padStart(10)}${"max".padStart(10)}`);
  for (const c of r.cases) {
    console.log(
      `${c.name.padEnd(32)}${`${c.medianMs} ms`.padStart(10)}${`${c.p95Ms} ms`.padStart(10)}${`${c.minMs} ms`.padStart(10)}${`${c.maxMs} ms`.padStart(10)}`,
    );
  }
  console.log(`spread of medians: ${r.spreadMs} ms (tolerance ${r.toleranceMs} ms)`);
  for (const c of r.cases.filter((x) => !x.available)) {
    const worst = Math.max(...r.cases.filter((o) => o !== c).map((o) => Math.abs(o.medianMs - c.medianMs)));
    console.log(
      `  ${c.name}: within ${r.toleranceMs} ms of the others and of the available case: ${worst <= r.toleranceMs ? "yes" : "NO"} (worst ${round(worst)} ms)`,
    );
  }
  console.log(r.pass ? "PASS" : `FAIL\n  ${r.failures.join("\n  ")}`);
}
