import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { logOn } from "@/server/auth/log-on";
import { getDb } from "@/server/db";
import { MINUTE } from "@/server/clock";
import { accountByAddress, auditActions, freshDemo, meta, otherMeta, passedCaptcha, useFakeClock } from "../support/fixtures";
import { DEMO } from "../support/demo-accounts";

const ALICE = DEMO.alice.email;
const GOOD = DEMO.alice.password;
const wrong = async (i: number) => ({ login: ALICE, password: `Wrong#Pass${i}x`, ...(await passedCaptcha()) });

describe("logOn (SECURITY.md Logon)", () => {
  let clock: ReturnType<typeof useFakeClock>;
  beforeEach(async () => {
    await freshDemo();
    clock = useFakeClock();
    process.env.CAPTCHA_TEST_MODE = "1";
    (await import("@/env")).resetEnvCache();
  });
  afterEach(async () => {
    vi.useRealTimers();
    delete process.env.CAPTCHA_TEST_MODE;
    (await import("@/env")).resetEnvCache();
  });

  it("accepts the right password, case-insensitive address, and audits it", async () => {
    const r = await logOn({ kind: "mail", login: " Alice@Example.com ", password: GOOD }, meta);
    expect(r).toMatchObject({ ok: true, role: "EMPLOYEE", mustChangePassword: false });
    const events = await auditActions({ action: "logon.success" });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ ip: meta.ip, userAgent: meta.userAgent, actorLabel: ALICE });
  });

  it("answers wrong password, unknown address, disabled and locked accounts identically", async () => {
    const a = await logOn({ kind: "mail", login: ALICE, password: "Nope#Nope2026" }, meta);
    const b = await logOn({ kind: "mail", login: "nobody@example.com", password: "Nope#Nope2026" }, meta);
    await getDb().mailAccount.update({ where: { address: DEMO.bob.email }, data: { status: "DISABLED" } });
    const c = await logOn({ kind: "mail", login: DEMO.bob.email, password: DEMO.bob.password }, meta);
    await getDb().mailAccount.update({ where: { address: DEMO.dan.email }, data: { lockedUntil: new Date(Date.now() + MINUTE) } });
    const d = await logOn({ kind: "mail", login: DEMO.dan.email, password: DEMO.dan.password }, meta);
    for (const r of [a, b, c, d]) expect(r).toEqual({ ok: false, error: "invalid", captchaRequired: false });
  });

  it("asks for the captcha from the 5th failure of an address within 15 minutes", async () => {
    for (let i = 1; i <= 4; i++) expect((await logOn({ kind: "mail", login: ALICE, password: `Wrong#${i}aaaa` }, meta)).ok).toBe(false);
    const fourth = await logOn({ kind: "mail", login: DEMO.alice.email, password: GOOD }, meta);
    expect(fourth.ok).toBe(true); // 4 failures: no captcha yet, and success resets the count
    for (let i = 1; i <= 5; i++) await logOn({ kind: "mail", login: ALICE, password: `Wrong#${i}aaaa` }, meta);
    const noCaptcha = await logOn({ kind: "mail", login: ALICE, password: GOOD }, meta);
    expect(noCaptcha).toEqual({ ok: false, error: "captcha", captchaRequired: true });
    expect((await logOn({ kind: "mail", login: ALICE, password: GOOD, ...(await passedCaptcha()) }, meta)).ok).toBe(true);
  });

  it("counts the 15-minute window: failures older than that no longer ask for the captcha", async () => {
    for (let i = 1; i <= 5; i++) await logOn({ kind: "mail", login: ALICE, password: `Wrong#${i}aaaa` }, meta);
    clock.advance(15 * MINUTE + 1000);
    expect((await logOn({ kind: "mail", login: ALICE, password: GOOD }, meta)).ok).toBe(true);
  });

  it("locks after 10 consecutive failures for 15 minutes, doubling, and keeps the message", async () => {
    for (let i = 1; i <= 9; i++) await logOn({ kind: "mail", ...(await wrong(i)) }, meta);
    expect((await accountByAddress(ALICE)).lockedUntil).toBeNull();
    const tenth = await logOn({ kind: "mail", ...(await wrong(10)) }, meta);
    expect(tenth).toMatchObject({ ok: false, error: "invalid" });
    const locked = await accountByAddress(ALICE);
    expect(locked.lockedUntil?.getTime()).toBe(Date.now() + 15 * MINUTE);
    expect((await auditActions({ action: "account.locked" })).length).toBe(1);
    // The right password is refused while locked, with the same answer.
    expect(await logOn({ kind: "mail", login: ALICE, password: GOOD, ...(await passedCaptcha()) }, meta)).toMatchObject({
      ok: false,
      error: "invalid",
    });
    clock.advance(15 * MINUTE - 1000);
    expect((await logOn({ kind: "mail", login: ALICE, password: GOOD, ...(await passedCaptcha()) }, meta)).ok).toBe(false);
    clock.advance(2000);
    // Lock expired: 10 more failures lock for 30 minutes (the success in between would reset; fail instead).
    for (let i = 1; i <= 10; i++) await logOn({ kind: "mail", ...(await wrong(i)) }, meta);
    expect((await accountByAddress(ALICE)).lockedUntil?.getTime()).toBe(Date.now() + 30 * MINUTE);
  });

  it("counts consecutive failures only: 9, a success, 9 more leave her open; the 10th in a row locks", async () => {
    for (let i = 1; i <= 9; i++) await logOn({ kind: "mail", ...(await wrong(i)) }, meta);
    expect(await accountByAddress(ALICE)).toMatchObject({ failedLogonCount: 9, lockedUntil: null });
    expect((await logOn({ kind: "mail", login: ALICE, password: GOOD, ...(await passedCaptcha()) }, meta)).ok).toBe(true);
    expect((await accountByAddress(ALICE)).failedLogonCount).toBe(0);
    for (let i = 11; i <= 19; i++) await logOn({ kind: "mail", ...(await wrong(i)) }, meta);
    expect(await accountByAddress(ALICE)).toMatchObject({ failedLogonCount: 9, lockedUntil: null });
    expect(await auditActions({ action: "account.locked" })).toHaveLength(0);
    await logOn({ kind: "mail", ...(await wrong(20)) }, meta);
    expect((await accountByAddress(ALICE)).lockedUntil?.getTime()).toBe(Date.now() + 15 * MINUTE);
    expect(await auditActions({ action: "account.locked" })).toHaveLength(1);
  });

  it("caps the lock at 24 hours", async () => {
    await getDb().mailAccount.update({ where: { address: ALICE }, data: { lockCount: 12 } });
    for (let i = 1; i <= 10; i++) await logOn({ kind: "mail", ...(await wrong(i)) }, meta);
    expect((await accountByAddress(ALICE)).lockedUntil?.getTime()).toBe(Date.now() + 24 * 60 * MINUTE);
  });

  it("refuses an IP for an hour after 50 failed logons, other IPs unaffected", async () => {
    for (let i = 0; i < 50; i++) {
      const r = await logOn({ kind: "mail", login: `u${i}@nowhere.example`, password: "Nope#Nope2026" }, meta);
      expect(r.ok ? "ok" : r.error).toBe("invalid");
    }
    expect(await logOn({ kind: "mail", login: ALICE, password: GOOD }, meta)).toMatchObject({ ok: false, error: "ip_blocked" });
    expect((await logOn({ kind: "mail", login: ALICE, password: GOOD }, otherMeta)).ok).toBe(true);
    clock.advance(59 * MINUTE);
    expect(await logOn({ kind: "mail", login: ALICE, password: GOOD }, meta)).toMatchObject({ ok: false, error: "ip_blocked" });
    clock.advance(2 * MINUTE);
    expect((await logOn({ kind: "mail", login: ALICE, password: GOOD }, meta)).ok).toBe(true);
  });

  it("an address of 254 characters is counted like any other (its limiter key is hashed to fit)", async () => {
    const long = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`;
    expect(long).toHaveLength(254);
    for (let i = 1; i <= 5; i++)
      expect(await logOn({ kind: "mail", login: long, password: `Wrong#${i}aaaa` }, meta)).toMatchObject({ ok: false, error: "invalid" });
    expect(await logOn({ kind: "mail", login: long, password: "Wrong#6aaaa" }, meta)).toEqual({
      ok: false,
      error: "captcha",
      captchaRequired: true,
    });
    const keys = await getDb().rateLimit.findMany({ select: { key: true } });
    expect(keys.every((k) => k.key.length <= 255)).toBe(true);
    expect(keys.some((k) => k.key.startsWith("logonFailuresByAddress:sha256:"))).toBe(true);
  });

  it("counts IPv4-mapped and plain IPv4 spellings of one client under one key", async () => {
    for (let i = 1; i <= 49; i++)
      await logOn(
        { kind: "mail", login: `x${i}@example.com`, password: "Wrong#Pass1" },
        { ...meta, ip: i % 2 ? "::ffff:192.0.2.44" : "192.0.2.44" },
      );
    expect((await logOn({ kind: "mail", login: "y@example.com", password: "Wrong#Pass1" }, { ...meta, ip: "192.0.2.44" })).ok).toBe(false);
    expect(await logOn({ kind: "mail", login: ALICE, password: GOOD }, { ...meta, ip: "::ffff:c000:22c" })).toMatchObject({
      ok: false,
      error: "ip_blocked",
    });
  });

  it("logs cloud operators on from their own table", async () => {
    expect(await logOn({ kind: "cloud", login: DEMO.ops.email, password: DEMO.ops.password }, meta)).toMatchObject({
      ok: true,
      role: "OPERATOR",
    });
    expect((await logOn({ kind: "cloud", login: ALICE, password: GOOD }, meta)).ok).toBe(false);
    expect((await logOn({ kind: "mail", login: DEMO.ops.email, password: DEMO.ops.password }, meta)).ok).toBe(false);
  });

  it("upgrades a hash made with old argon2 parameters at the next logon", async () => {
    const before = (await getDb().mailAccount.findUniqueOrThrow({ where: { address: ALICE }, omit: { passwordHash: false } })).passwordHash;
    process.env.ARGON2_TIME_COST = "2";
    (await import("@/env")).resetEnvCache();
    try {
      expect((await logOn({ kind: "mail", login: ALICE, password: GOOD }, meta)).ok).toBe(true);
      const after = (await getDb().mailAccount.findUniqueOrThrow({ where: { address: ALICE }, omit: { passwordHash: false } }))
        .passwordHash;
      expect(after).not.toBe(before);
      expect(after).toContain("t=2");
      expect((await logOn({ kind: "mail", login: ALICE, password: GOOD }, meta)).ok).toBe(true);
    } finally {
      process.env.ARGON2_TIME_COST = "1";
      (await import("@/env")).resetEnvCache();
    }
  });
});

describe("lockout under concurrency", () => {
  beforeEach(freshDemo);

  it("12 wrong passwords at once lock exactly once, for 15 minutes", async () => {
    process.env.CAPTCHA_TEST_MODE = "1";
    (await import("@/env")).resetEnvCache();
    try {
      const attempts = await Promise.all(
        Array.from({ length: 12 }, async (_, i) => ({ login: ALICE, password: `Wrong#Race${i}xx`, ...(await passedCaptcha()) })),
      );
      await Promise.all(attempts.map((a) => logOn({ kind: "mail", ...a }, meta)));
      const a = await accountByAddress(ALICE);
      expect(a.lockCount).toBe(1);
      expect(a.lockedUntil).not.toBeNull();
      expect(await auditActions({ action: "account.locked" })).toHaveLength(1);
    } finally {
      delete process.env.CAPTCHA_TEST_MODE;
      (await import("@/env")).resetEnvCache();
    }
  });
});
