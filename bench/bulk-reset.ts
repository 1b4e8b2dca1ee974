/**
 * Employee Accounts > select 500 > Reset passwords (a speed target of the README's npm run bench: a
 * bulk reset of 500 accounts completes in under 30 s on this machine). Each
 * account is its own transaction with one argon2 hash (a generated password
 * needs no history check); the hashing runs ARGON2_MAX_CONCURRENCY at once.
 * Beside it, in the same run, the argon2 work alone (500 hashes at that
 * concurrency): the ratio says how much of the time is hashing.
 */
import { measureArgon2 } from "./argon2-bound";
import { median, round } from "./stats";

export interface BulkResetResult {
  name: "bulk-reset";
  accounts: number;
  runs: number;
  /** Median seconds of the whole bulk action (lookups, transactions, audit, hashing). */
  seconds: number;
  /** Median seconds of the same number of hashes alone, same concurrency. */
  argon2Seconds: number;
  /** argon2 operations counted during one bulk run (expected: one per account). */
  argon2Ops: number;
  hashingShare: number;
  targetSeconds: number;
  pass: boolean;
}

const TARGET_SECONDS = 30;

export async function benchBulkReset(accounts = 500, runs = 3): Promise<BulkResetResult> {
  const { getDb } = await import("../src/server/db");
  const { getEnv } = await import("../src/env");
  const { hashSecret } = await import("../src/server/security/password-hash");
  const { runBulkAccountAction } = await import("../src/server/admin/bulk-account-action");
  const { resolvePostmaster } = await import("../src/server/admin/postmaster");
  const { metrics } = await import("../src/server/observability/metrics");
  const db = getDb();
  const domain = await db.domain.findUniqueOrThrow({ where: { name: "example.com" }, select: { id: true } });
  const pm = await db.mailAccount.findUniqueOrThrow({ where: { address: "postmaster@example.com" }, select: { id: true } });
  const hash = await hashSecret("Bulk#Bench2026");
  const at = new Date();
  const rows = Array.from({ length: accounts }, (_, i) => ({
    id: `bulk-bench-${i}`,
    domainId: domain.id,
    address: `bulk-bench-${i}@example.com`,
    displayName: `Bulk Bench ${String(i).padStart(3, "0")}`,
    passwordHash: hash,
    passwordChangedAt: at,
  }));
  await db.mailAccount.createMany({ data: rows, skipDuplicates: true });
  const ids = rows.map((r) => r.id);
  const meta = { ip: "127.0.0.1", userAgent: "bench" };
  const caller = await resolvePostmaster(pm.id, "bulk.reset_password", meta);
  if (!caller.ok) throw new Error("the demo postmaster is not one");
  const hashCount = async () => {
    const text = await metrics().registry.metrics();
    return Number(/postkey_argon2_queue_wait_seconds_count (\d+)/.exec(text)?.[1] ?? 0);
  };

  const bulk: number[] = [];
  const alone: number[] = [];
  let argon2Ops = 0;
  for (let r = 0; r < runs; r++) {
    const before = await hashCount();
    const t0 = performance.now();
    const result = await runBulkAccountAction({ postmaster: caller.postmaster, accountIds: ids, action: "reset_password" }, meta);
    bulk.push((performance.now() - t0) / 1000);
    argon2Ops = (await hashCount()) - before;
    if (!result.ok || result.items.some((i) => !i.ok)) throw new Error("bulk reset failed");

    // The hashing alone, same count and concurrency, in the same minute.
    const inFlight = getEnv().ARGON2_MAX_CONCURRENCY;
    alone.push((await measureArgon2({ op: "hash", via: "app", inFlight, count: accounts, warmUp: 0 })).seconds);
  }
  const seconds = median(bulk);
  const argon2Seconds = median(alone);
  return {
    name: "bulk-reset",
    accounts,
    runs,
    seconds: round(seconds, 2),
    argon2Seconds: round(argon2Seconds, 2),
    argon2Ops,
    hashingShare: round(argon2Seconds / seconds, 2),
    targetSeconds: TARGET_SECONDS,
    pass: seconds <= TARGET_SECONDS,
  };
}

export function printBulkReset(r: BulkResetResult): void {
  console.log(`
Bulk reset of ${r.accounts} accounts (median of ${r.runs} runs)
  whole action:           ${r.seconds} s   (target ≤ ${r.targetSeconds} s: ${r.pass ? "met" : "MISSED"})
  argon2 alone, same run: ${r.argon2Seconds} s for ${r.accounts} hashes (${r.argon2Ops} argon2 runs counted in one bulk action)
  hashing share:          ${Math.round(r.hashingShare * 100)} % of the action's time`);
}
