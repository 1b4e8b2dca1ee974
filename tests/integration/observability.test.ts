import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEmployeePassword } from "@/server/admin/reset-employee-password";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { logOn } from "@/server/auth/log-on";
import { getDb, transaction } from "@/server/db";
import { metrics } from "@/server/observability/metrics";
import { consumeLimit } from "@/server/security/rate-limit";
import { hashSecret } from "@/server/security/password-hash";
import { accountByAddress, freshDemo, meta } from "../support/fixtures";
import { captureLogs, type CapturedLogs } from "../support/logs";
import { postmasterFor } from "../support/postmaster";
import { DEMO } from "../support/demo-accounts";

/**
 * Domain events as operators see them: one log line per stored audit event
 * (after its transaction commits, never for a rolled-back one) and the
 * Prometheus counters the events feed, from the real domain functions.
 */
let logs: CapturedLogs;
beforeEach(async () => {
  await freshDemo();
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
  vi.useRealTimers();
});

const events = () => logs.lines.filter((l) => l.component === "audit");

/** One sample's value from the registry's text format (0 when absent). */
async function sample(name: string, labels: Record<string, string>): Promise<number> {
  const text = await metrics().registry.metrics();
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split("\n").find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && want.every((w) => l.includes(w)));
  return line ? Number(line.split(" ").pop()) : 0;
}

describe("domain events in the log", () => {
  const input = {
    actor: { kind: "SYSTEM", label: "test" } as const,
    action: AuditAction.auditExported,
    meta: { ...meta, requestId: "req-42" },
  };

  it("an event outside a transaction is logged once it is stored, with the request id and no label", async () => {
    await recordAuditEvent({ ...input, target: { kind: "DOMAIN", id: "dom_1", label: "example.com" } });
    expect(events()).toEqual([
      expect.objectContaining({
        level: "info",
        event: "audit.exported",
        result: "SUCCESS",
        reqId: "req-42",
        actorKind: "SYSTEM",
        targetKind: "DOMAIN",
        targetId: "dom_1",
        ip: meta.ip,
      }),
    ]);
    expect(logs.text()).not.toContain("example.com");
  });

  it("an event inside a transaction is logged after the commit, and not at all when the transaction rolls back", async () => {
    await transaction(async (tx) => {
      await recordAuditEvent(input, tx);
      expect(events()).toHaveLength(0); // not yet: the transaction may still fail
    });
    expect(events()).toHaveLength(1);

    await expect(
      transaction(async (tx) => {
        await recordAuditEvent(input, tx);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(events()).toHaveLength(1);
    expect(await getDb().auditEvent.count({ where: { action: "audit.exported" } })).toBe(1);
  });
});

describe("metrics fed by the domain", () => {
  it("failed logons, the captcha demand from the 5th, and the lock at the 10th", async () => {
    const failures = () => sample("postkey_logon_failures_total", { surface: "mail" });
    const demands = () => sample("postkey_logon_captcha_demands_total", { surface: "mail" });
    const locks = () => sample("postkey_account_locks_total", { surface: "mail" });
    const [f0, d0, l0] = [await failures(), await demands(), await locks()];
    const wrong = (i: number) => logOn({ kind: "mail", login: DEMO.bob.email, password: `Wrong#${i}` }, { ...meta, ip: `192.0.2.${i}` });
    for (let i = 1; i <= 5; i++) await wrong(i);
    expect(await failures()).toBe(f0 + 5);
    expect(await demands()).toBe(d0);
    // From here the captcha is demanded; without one, the logon stops before the password (not a failure of it).
    await wrong(6);
    expect(await demands()).toBe(d0 + 1);
    await getDb().mailAccount.update({ where: { address: DEMO.bob.email }, data: { failedLogonCount: 9 } });
    const { resetLimit } = await import("@/server/security/rate-limit");
    await resetLimit("logonFailuresByAddress", "mail:bob@example.com");
    await wrong(7);
    expect(await locks()).toBe(l0 + 1);
  });

  it("a postmaster's reset, by scenario and result; a reused password counts as refused", async () => {
    const pm = await accountByAddress(DEMO.postmaster.email);
    const alice = await accountByAddress(DEMO.alice.email);
    const done = () => sample("postkey_password_resets_total", { scenario: "postmaster", result: "success" });
    const reused = () => sample("postkey_password_resets_total", { scenario: "postmaster", result: "reuse_refused" });
    const [s0, r0] = [await done(), await reused()];
    const reset = async (password: string) =>
      resetEmployeePassword(
        { postmaster: await postmasterFor(pm.id), accountId: alice.id, password, confirmPassword: password, mustChangePassword: false },
        meta,
      );
    expect((await reset("New#Lantern2026")).ok).toBe(true);
    expect(await done()).toBe(s0 + 1);
    expect((await reset("New#Lantern2026")).ok).toBe(false);
    expect(await reused()).toBe(r0 + 1);
  });

  it("rate-limit refusals by limit name", async () => {
    const refused = () => sample("postkey_rate_limit_refusals_total", { limit: "recoveryCodesByAccountHour" });
    const before = await refused();
    for (let i = 0; i < 7; i++) await consumeLimit("recoveryCodesByAccountHour", "metrics-test");
    expect(await refused()).toBe(before + 2);
  });

  it("the hashing queue's depth and the time jobs waited for a slot", async () => {
    const waits = () => sample("postkey_argon2_queue_wait_seconds_count", {});
    const before = await waits();
    await Promise.all(Array.from({ length: 6 }, (_, i) => hashSecret(`s-${i}`)));
    expect(await waits()).toBe(before + 6);
    expect(await metrics().registry.metrics()).toMatch(/postkey_argon2_queue\{state="waiting"\} 0/);
  });

  it("database pool connections by state", async () => {
    await getDb().$queryRaw`SELECT 1`;
    expect(await sample("postkey_db_pool_connections", { pool: "app", state: "total" })).toBeGreaterThan(0);
  });
});
