/**
 * The breached-password check (SECURITY.md "Passwords"; src/server/passwords/breached/): what screenPassword
 * adds to setting a password, p95 against 5 ms. With BREACHED_PASSWORDS=hibp against the range stub
 * (tests/support/pwned-range-stub.ts, in its own process, answering ~900 lines a range as the real API does)
 * over N distinct random passwords, each of a new prefix (a cold cache: every check is a request); and with
 * the shipped list (the default and every fallback: a bisection of the file on disk). The stub is on this
 * machine, so the figure is Postkey's own cost plus a loopback round trip, not the internet's.
 */
import { spawn } from "node:child_process";
import { randomBytes, createHash } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import { percentile, round, timed } from "./stats";

export const BREACH_BOUND_MS = 5;
const RANGE_LINES = 900;

interface Figures {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Checks the configured source did not judge (a fallback): the figure is not the source's then. */
  fallbacks: number;
}

export interface BreachResult {
  name: "breach-check";
  boundMs: number;
  hibpCold: Figures;
  hibpCached: Figures;
  shipped: Figures;
  pass: boolean;
}

/** Passwords whose SHA-1 prefixes differ from each other's and from `taken`'s. */
function distinctPasswords(n: number, taken: Set<string>): string[] {
  const out: string[] = [];
  while (out.length < n) {
    const password = `${randomBytes(9).toString("base64url")}#A1`;
    const prefix = createHash("sha1").update(password).digest("hex").slice(0, 5);
    if (taken.has(prefix)) continue;
    taken.add(prefix);
    out.push(password);
  }
  return out;
}

async function startStubProcess(): Promise<{ url: string; stop: () => void }> {
  const file = path.join(import.meta.dirname, "..", "tests", "support", "pwned-range-stub.ts");
  const child = spawn(process.execPath, ["--import", "tsx", file, "--port", "0", "--padding", String(RANGE_LINES)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the range stub exited (${code})`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m) resolve(m[1]);
    });
  });
  child.removeAllListeners("exit");
  return { url, stop: () => void child.kill("SIGTERM") };
}

export async function benchBreachCheck(samples: number): Promise<BreachResult> {
  const { resetEnvCache } = await import("../src/env");
  const { screenPassword } = await import("../src/server/passwords/breached/index");
  const saved = { mode: process.env.BREACHED_PASSWORDS, url: process.env.BREACHED_PASSWORDS_API_URL };
  const stub = await startStubProcess();
  const measure = async (passwords: string[], expected: string): Promise<Figures> => {
    const latencies: number[] = [];
    let fallbacks = 0;
    for (const p of passwords) {
      const { ms, value } = await timed(() => screenPassword(p));
      latencies.push(ms);
      if (value.source !== expected || value.fallback) fallbacks += 1;
    }
    return {
      samples: passwords.length,
      p50Ms: round(percentile(latencies, 50), 3),
      p95Ms: round(percentile(latencies, 95), 3),
      maxMs: round(Math.max(...latencies), 3),
      fallbacks,
    };
  };
  try {
    const prefixes = new Set<string>();
    Object.assign(process.env, { BREACHED_PASSWORDS: "hibp", BREACHED_PASSWORDS_API_URL: stub.url });
    resetEnvCache();
    await measure(distinctPasswords(30, prefixes), "hibp"); // warm-up: the connection, the JIT
    const cold = distinctPasswords(samples, prefixes);
    const hibpCold = await measure(cold, "hibp");
    const hibpCached = await measure(cold, "hibp");
    delete process.env.BREACHED_PASSWORDS;
    resetEnvCache();
    await measure(distinctPasswords(30, prefixes), "shipped");
    const shipped = await measure(distinctPasswords(samples, prefixes), "shipped");
    const ok = (f: Figures) => f.fallbacks === 0 && f.p95Ms <= BREACH_BOUND_MS;
    return { name: "breach-check", boundMs: BREACH_BOUND_MS, hibpCold, hibpCached, shipped, pass: ok(hibpCold) && ok(shipped) };
  } finally {
    stub.stop();
    for (const [key, value] of [
      ["BREACHED_PASSWORDS", saved.mode],
      ["BREACHED_PASSWORDS_API_URL", saved.url],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvCache();
  }
}

export function printBreachCheck(r: BreachResult): void {
  console.log(`\nbreached-password check: the time screenPassword adds, p95 ≤ ${r.boundMs} ms`);
  console.log(`${"source".padEnd(34)}${"p50".padStart(10)}${"p95".padStart(10)}${"max".padStart(10)}${"fallbacks".padStart(11)}`);
  for (const [label, f, gated] of [
    [`hibp, cold (${r.hibpCold.samples} new prefixes)`, r.hibpCold, true],
    ["hibp, cached ranges", r.hibpCached, false],
    [`shipped list (${r.shipped.samples} lookups)`, r.shipped, true],
  ] as const) {
    const verdict = gated ? (f.p95Ms <= r.boundMs && f.fallbacks === 0 ? "  met" : "  MISSED") : "";
    console.log(
      `${label.padEnd(34)}${`${f.p50Ms} ms`.padStart(10)}${`${f.p95Ms} ms`.padStart(10)}${`${f.maxMs} ms`.padStart(10)}${String(f.fallbacks).padStart(11)}${verdict}`,
    );
  }
}
