import { Client } from "pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import type { PasswordProfile } from "@/generated/prisma/enums";
import { AuditAction } from "@/server/audit/audit-action";
import { DAY, HOUR, MINUTE } from "@/server/clock";
import { getDb } from "@/server/db";
import {
  expiryReminderSweepIdle,
  runExpiryReminderSweep,
  startExpiryReminderSweep,
  stopExpiryReminderSweep,
  SWEEP_LOCK_KEY,
} from "@/server/passwords/expiry-reminder-sweep";
import { dueReminder, sendExpiryReminders } from "@/server/passwords/expiry-reminders";
import { setPassword } from "@/server/passwords/set-password";
import { accountByAddress, auditActions, freshDemo, meta, useFakeClock } from "../support/fixtures";
import { DEMO } from "../support/demo-accounts";

/**
 * SECURITY.md "Passwords": in a custom profile with an expiry, the owner is
 * reminded on the account's channels 14, 7 and 1 days before; once expired,
 * logon requires the change (not a reminder). One message per stage, once,
 * however many sweeps run at once. None of this existed before; each test
 * was seen failing with the stage logic broken (STAGES.find(s => s > days)).
 */
const ALICE = { address: DEMO.alice.email, mobile: DEMO.alice.mobile };
const EXPIRY_DAYS = 30;

let clock: ReturnType<typeof useFakeClock>;
let t0: Date;

async function useProfile(profile: PasswordProfile, domain = "example.com"): Promise<void> {
  await getDb().domain.update({
    where: { name: domain },
    data: { passwordProfile: profile, customPasswordPolicy: { expiryDays: EXPIRY_DAYS } },
  });
}

/** The clock at `days` before every example.com password (all changed at t0) expires. */
const daysLeft = (days: number) => clock.set(new Date(t0.getTime() + (EXPIRY_DAYS - days) * DAY));
const smsTo = (to: string) => getDb().smsMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
const reminders = async (address: string) =>
  (await auditActions({ action: AuditAction.passwordExpiryReminded })).filter((e) => e.targetLabel === address);

/** example.com on the custom profile with a 30-day expiry, every one of its passwords changed at t0. */
async function setUp(): Promise<void> {
  await freshDemo();
  clock = useFakeClock();
  t0 = new Date();
  Object.assign(process.env, { SMS_PROVIDER: "console", EMAIL_PROVIDER: "console" });
  resetEnvCache();
  await useProfile("CUSTOM");
  await getDb().mailAccount.updateMany({ where: { domain: { name: "example.com" } }, data: { passwordChangedAt: t0 } });
}
afterEach(() => {
  vi.useRealTimers();
  resetEnvCache();
});

describe("dueReminder (the stage of the days left)", () => {
  const changed = new Date("2026-01-01T00:00:00Z");
  const at = (daysLeft: number) => new Date(changed.getTime() + (EXPIRY_DAYS - daysLeft) * DAY);
  it.each([
    [17, null, null],
    [14.0001, null, null],
    [14, null, 14],
    [13.5, null, 14],
    [8, 14, null],
    [7, 14, 7],
    [5, null, 7],
    [2, 7, null],
    [1, 7, 1],
    [0.01, 14, 1],
    [0.01, 1, null],
    [0, null, null],
    [-3, null, null],
  ])("%s days left, last stage %s: stage %s", (left, last, stage) => {
    expect(dueReminder(new Date(changed.getTime() + EXPIRY_DAYS * DAY), at(left), last)?.stage ?? null).toBe(stage);
  });
});

describe("password expiry reminders", () => {
  beforeEach(setUp);

  it("none at 17 days left; one at 14 (SMS and audit), not again in the same stage; then 7 and 1; none once expired", async () => {
    daysLeft(17);
    await sendExpiryReminders({});
    expect(await smsTo(ALICE.mobile)).toHaveLength(0);

    daysLeft(14);
    expect((await sendExpiryReminders({})).reminded).toBeGreaterThan(0);
    const [sms] = await smsTo(ALICE.mobile);
    expect(sms).toMatchObject({ purpose: "ACCOUNT_NOTICE" });
    expect(sms.body).toMatch(/^Postkey: the password of alice@example\.com expires in 14 days \(.+ UTC\)\./);
    expect(sms.body).toContain("Account Security > Change Password");
    expect(sms.body).not.toMatch(/https?:\/\//);
    const [audit] = await reminders(ALICE.address);
    expect(audit).toMatchObject({ actorKind: "SYSTEM", detail: { days: 14, stage: 14, channels: "sms" } });
    expect((await accountByAddress(ALICE.address)).passwordExpiryReminder).toBe(14);

    // The same run again, and later the same stage: nothing more.
    await sendExpiryReminders({});
    clock.advance(3 * DAY);
    await sendExpiryReminders({});
    expect(await smsTo(ALICE.mobile)).toHaveLength(1);

    daysLeft(7);
    await sendExpiryReminders({});
    daysLeft(1);
    await sendExpiryReminders({});
    await sendExpiryReminders({});
    const bodies = (await smsTo(ALICE.mobile)).map((s) => s.body);
    expect(bodies).toHaveLength(3);
    expect(bodies[1]).toContain("expires in 7 days");
    expect(bodies[2]).toContain("expires in 1 day ");
    expect((await reminders(ALICE.address)).map((e) => (e.detail as { days: number }).days)).toEqual([14, 7, 1]);

    clock.set(new Date(t0.getTime() + EXPIRY_DAYS * DAY));
    await sendExpiryReminders({});
    clock.advance(2 * DAY);
    await sendExpiryReminders({});
    expect(await smsTo(ALICE.mobile)).toHaveLength(3);
  });

  it("an expired password with no reminder sent gets none (logon requires the change)", async () => {
    clock.set(new Date(t0.getTime() + EXPIRY_DAYS * DAY + HOUR));
    expect(await sendExpiryReminders({})).toMatchObject({ reminded: 0, more: false });
    expect(await auditActions({ action: AuditAction.passwordExpiryReminded })).toHaveLength(0);
  });

  it("stages skipped while no sweep ran: one message, for the current stage", async () => {
    daysLeft(5);
    await sendExpiryReminders({});
    await sendExpiryReminders({});
    const sent = await smsTo(ALICE.mobile);
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toContain("expires in 5 days");
    expect((await accountByAddress(ALICE.address)).passwordExpiryReminder).toBe(7);
  });

  it("5 sweeps at once send each reminder once", async () => {
    daysLeft(14);
    await Promise.all(Array.from({ length: 5 }, () => sendExpiryReminders({})));
    expect(await smsTo(ALICE.mobile)).toHaveLength(1);
    expect(await reminders(ALICE.address)).toHaveLength(1);
  });

  it("a new password starts again: no reminder for it until its own 14 days left", async () => {
    daysLeft(14);
    await sendExpiryReminders({});
    const alice = await accountByAddress(ALICE.address);
    const set = await setPassword({
      kind: "mail",
      accountId: alice.id,
      password: "Quartz#Meadow7719",
      confirmPassword: "Quartz#Meadow7719",
      mustChangePassword: false,
      actor: { kind: "MAIL_ACCOUNT", id: alice.id, label: alice.address },
      action: AuditAction.passwordChanged,
      meta,
      notice: null,
    });
    expect(set.ok).toBe(true);
    expect((await accountByAddress(ALICE.address)).passwordExpiryReminder).toBeNull();
    await sendExpiryReminders({});
    expect(await smsTo(ALICE.mobile)).toHaveLength(1);
    clock.advance((EXPIRY_DAYS - 14) * DAY);
    await sendExpiryReminders({});
    const sent = await smsTo(ALICE.mobile);
    expect(sent).toHaveLength(2);
    expect(sent[1].body).toContain("expires in 14 days");
  });

  it.each(["ARTICLE", "NIST"] as const)("never for a %s domain, even with a custom expiry stored", async (profile) => {
    await useProfile(profile);
    for (const left of [14, 7, 1]) {
      daysLeft(left);
      await sendExpiryReminders({});
    }
    expect(await getDb().smsMessage.count()).toBe(0);
    expect(await auditActions({ action: AuditAction.passwordExpiryReminded })).toHaveLength(0);
  });

  it("never for a disabled account", async () => {
    await getDb().mailAccount.update({ where: { address: DEMO.dan.email }, data: { status: "DISABLED" } });
    daysLeft(14);
    await sendExpiryReminders({});
    expect(await smsTo(DEMO.dan.mobile)).toHaveLength(0);
    expect(await reminders(DEMO.dan.email)).toHaveLength(0);
    expect(await smsTo(ALICE.mobile)).toHaveLength(1);
  });

  it("an account with only a verified backup email gets an email; one with no channel is claimed and audited, nothing sent", async () => {
    await getDb().mailAccount.update({
      where: { address: DEMO.bob.email },
      data: { backupEmail: "bob@home.example.net", backupEmailVerifiedAt: t0 },
    });
    daysLeft(14);
    await sendExpiryReminders({});
    const mails = await getDb().emailMessage.findMany({ where: { to: "bob@home.example.net" } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ purpose: "ACCOUNT_NOTICE", subject: "The password of bob@example.com expires in 14 days" });
    expect(mails[0].body).toContain("Account Security > Change Password");
    expect((await reminders(DEMO.bob.email))[0].detail).toMatchObject({ channels: "email" });

    expect(await getDb().emailMessage.count({ where: { accountId: (await accountByAddress(DEMO.carol.email)).id } })).toBe(0);
    expect((await reminders(DEMO.carol.email))[0].detail).toMatchObject({ days: 14, channels: "none" });
    expect((await accountByAddress(DEMO.carol.email)).passwordExpiryReminder).toBe(14);
  });

  it("speaks the account's language (zh-CN)", async () => {
    await getDb().mailAccount.update({ where: { address: ALICE.address }, data: { locale: "zh-CN" } });
    daysLeft(7);
    await sendExpiryReminders({});
    const [sms] = await smsTo(ALICE.mobile);
    expect(sms.body).toMatch(/^【Postkey】邮箱帐号 alice@example\.com 的密码将在 7 天后（.+ UTC）过期。/);
    expect(sms.body).toContain("帐号安全 > 修改密码");
  });

  it("pages by limit: the most urgent first, the rest on the next call", async () => {
    const db = getDb();
    await db.mailAccount.update({ where: { address: ALICE.address }, data: { passwordChangedAt: new Date(t0.getTime() - 6 * DAY) } });
    daysLeft(13);
    expect(await sendExpiryReminders({ limit: 1 })).toMatchObject({ reminded: 1, more: true });
    expect((await reminders(ALICE.address))[0].detail).toMatchObject({ days: 7 });
    for (let page = 0, more = true; more; page++) {
      expect(page).toBeLessThan(10);
      more = (await sendExpiryReminders({ limit: 1 })).more;
    }
    // Every example.com account with a channel or without: one each.
    const count = await db.mailAccount.count({ where: { domain: { name: "example.com" }, status: "ACTIVE" } });
    expect(await auditActions({ action: AuditAction.passwordExpiryReminded })).toHaveLength(count);
    await expect(sendExpiryReminders({ limit: 0 })).rejects.toThrow(/limit must be a whole number/);
  });
});

describe("the SMS hourly cap", () => {
  beforeEach(setUp);
  afterEach(() => {
    delete process.env.SMS_HOURLY_CAP;
    resetEnvCache();
  });

  it("a reminder the cap refuses is released for the next run, which sends it; the run stops there", async () => {
    Object.assign(process.env, { SMS_HOURLY_CAP: "1" });
    resetEnvCache();
    const mobiles = [DEMO.postmaster.mobile, ALICE.mobile, DEMO.dan.mobile];
    const delivered = async () => getDb().smsMessage.count({ where: { to: { in: mobiles }, status: { not: "FAILED" } } });
    const claimed = async () => getDb().mailAccount.count({ where: { secureMobile: { in: mobiles }, passwordExpiryReminder: 14 } });
    daysLeft(14);
    expect(await sendExpiryReminders({})).toMatchObject({ more: true, stoppedBy: "sms_cap" });
    expect(await delivered()).toBe(1);
    expect(await claimed()).toBe(1);
    for (let hour = 1; hour <= 2; hour++) {
      clock.advance(HOUR + 1000);
      await sendExpiryReminders({});
      expect(await delivered()).toBe(1 + hour);
      expect(await claimed()).toBe(1 + hour);
    }
    for (const to of mobiles) expect(await getDb().smsMessage.count({ where: { to, status: { not: "FAILED" } } }), to).toBe(1);
  });
});

describe("the sweep (one instance at a time)", () => {
  beforeEach(setUp);

  it("skips its turn while another holds the advisory lock, and sweeps once it is free", async () => {
    daysLeft(14);
    const other = new Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("SELECT pg_advisory_lock($1::bigint)", [SWEEP_LOCK_KEY]);
      expect(await runExpiryReminderSweep()).toEqual({ ran: false });
      expect(await smsTo(ALICE.mobile)).toHaveLength(0);
      await other.query("SELECT pg_advisory_unlock($1::bigint)", [SWEEP_LOCK_KEY]);
    } finally {
      await other.end();
    }
    expect(await runExpiryReminderSweep({ limit: 2 })).toMatchObject({ ran: true, stoppedBy: null });
    expect(await smsTo(ALICE.mobile)).toHaveLength(1);
    expect(await smsTo(DEMO.postmaster.mobile)).toHaveLength(1);
  });

  it("in the app's process: a minute after start, then every PASSWORD_REMINDER_INTERVAL_MINUTES; 0 is off", async () => {
    daysLeft(14);
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "setInterval", "clearTimeout", "clearInterval"], now: new Date() });
    try {
      Object.assign(process.env, { PASSWORD_REMINDER_INTERVAL_MINUTES: "0" });
      resetEnvCache();
      startExpiryReminderSweep();
      await vi.advanceTimersByTimeAsync(2 * HOUR);
      expect(await smsTo(ALICE.mobile)).toHaveLength(0);

      Object.assign(process.env, { PASSWORD_REMINDER_INTERVAL_MINUTES: "60" });
      resetEnvCache();
      startExpiryReminderSweep();
      startExpiryReminderSweep(); // once per process
      await vi.advanceTimersByTimeAsync(MINUTE - 1000);
      expect(await smsTo(ALICE.mobile)).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1000);
      await expiryReminderSweepIdle();
      expect(await reminders(ALICE.address)).toHaveLength(1);
      daysLeft(7);
      // The interval counts from the start: its next turn is at 60 minutes (advanced to exactly then, so
      // that the faked timers do not also run out the sweep's own connection timeout).
      await vi.advanceTimersByTimeAsync(58 * MINUTE);
      await expiryReminderSweepIdle();
      expect(await reminders(ALICE.address)).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(MINUTE);
      await expiryReminderSweepIdle();
      expect(await reminders(ALICE.address)).toHaveLength(2);
      expect(await smsTo(ALICE.mobile)).toHaveLength(2);
    } finally {
      await stopExpiryReminderSweep();
      delete process.env.PASSWORD_REMINDER_INTERVAL_MINUTES;
    }
  });
});
