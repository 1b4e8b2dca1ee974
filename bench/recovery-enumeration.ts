/**
 * SECURITY.md: an unknown address, a disabled account and an account with no
 * usable method get the same answer *and the same timing within 25 ms at the
 * median* at step 1 of Forgot Password. This measures startRecovery (a passed
 * image code each time, created outside the timed call) N times per case,
 * interleaved in a rotating order, and checks every median against every
 * other — the available account (alice) included.
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
  { name: "has methods (alice)", address: "alice@example.com", available: true },
];

export interface EnumerationResult {
  name: "recovery-enumeration";
  iterations: number;
  toleranceMs: number;
  cases: Array<{ name: string; available: boolean; medianMs: number; p95Ms: number; minMs: number; maxMs: number }>;
  spreadMs: number;
  pass: boolean;
  failures: string[];
}

/** A distinct IP per call, so neither the starts-per-IP cap nor the images-per-IP cap is reached. */
function metaFor(i: number, c: number, warm: boolean): RequestMeta {
  return { ip: `10.${warm ? 200 + c : c}.${i >> 8}.${i & 255}`, userAgent: "postkey-bench" };
}

export async function benchRecoveryEnumeration(iterations: number, warmup = 10): Promise<EnumerationResult> {
  const { getDb } = await import("../src/server/db");
  const { createCaptchaChallenge } = await import("../src/server/captcha/create-captcha");
  const { startRecovery } = await import("../src/server/recovery/start-recovery");

  // The demo data has the no-method account (bob); make the other two kinds.
  await getDb().mailAccount.update({ where: { address: "dan@example.com" }, data: { status: "DISABLED" } });
  await getDb().domain.update({ where: { name: "example.org" }, data: { allowSmsRecovery: false } });

  async function once(i: number, c: number, warm: boolean): Promise<number> {
    const meta = metaFor(i, c, warm);
    const captcha = await createCaptchaChallenge(meta);
    if (!captcha.ok) throw new Error("captcha rate limited in the benchmark");
    const run = await timed(() =>
      startRecovery(undefined, { address: CASES[c].address, captchaId: captcha.id, captchaAnswer: "PASSED" }, meta),
    );
    if (run.value.ok !== CASES[c].available) throw new Error(`${CASES[c].name}: unexpected result ${JSON.stringify(run.value)}`);
    return run.ms;
  }

  const samples: number[][] = CASES.map(() => []);
  for (let i = 0; i < warmup + iterations; i++) {
    // Rotate the order, so no case always runs first (cold) or last.
    for (let k = 0; k < CASES.length; k++) {
      const c = (i + k) % CASES.length;
      const ms = await once(i, c, i < warmup);
      if (i >= warmup) samples[c].push(ms);
    }
  }

  const cases = CASES.map((c, idx) => ({
    name: c.name,
    available: c.available,
    medianMs: round(median(samples[idx])),
    p95Ms: round(percentile(samples[idx], 95)),
    minMs: round(Math.min(...samples[idx])),
    maxMs: round(Math.max(...samples[idx])),
  }));
  const failures: string[] = [];
  for (const a of cases.filter((c) => !c.available)) {
    for (const b of cases) {
      if (a === b) continue;
      const diff = Math.abs(a.medianMs - b.medianMs);
      if (diff > TOLERANCE_MS) failures.push(`${a.name} vs ${b.name}: medians differ by ${round(diff)} ms (> ${TOLERANCE_MS} ms)`);
    }
  }
  const medians = cases.map((c) => c.medianMs);
  return {
    name: "recovery-enumeration",
    iterations,
    toleranceMs: TOLERANCE_MS,
    cases,
    spreadMs: round(Math.max(...medians) - Math.min(...medians)),
    pass: failures.length === 0,
    failures,
  };
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
