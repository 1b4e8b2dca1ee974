import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { logOn, type LogOnResult } from "@/server/auth/log-on";
import { MINUTE } from "@/server/clock";
import { getDb } from "@/server/db";
import { isUnlockLinkLive, unlockWithLink } from "@/server/notices/unlock-account";
import { sendNotice } from "@/server/sms/account-notice";
import { accountByAddress, auditActions, freshDemo, meta, passedCaptcha, useFakeClock } from "../support/fixtures";
import { DEMO } from "../support/demo-accounts";

/**
 * SECURITY.md "Logon": a lockout that does not punish the owner. The same wrong
 * password repeated (a phone's mail client retrying an old one) counts once
 * per 15 minutes, by a keyed hash of it; a lock tells the owner's channels,
 * with a one-use link that unlocks without a reset. The logon's answer does
 * not change for anyone. Both failed on the code before it (a repeat counted
 * ten times; a lock told nobody).
 */
const ALICE = { address: DEMO.alice.email, password: DEMO.alice.password, mobile: DEMO.alice.mobile };
const UNLOCK = /https?:\/\/\S+\/unlock\/([A-Za-z0-9_-]{22})/;
const NOT_ME = /https?:\/\/\S+\/not-me\/([A-Za-z0-9_-]{22})/;

let clock: ReturnType<typeof useFakeClock>;
beforeEach(async () => {
  await freshDemo();
  clock = useFakeClock();
  Object.assign(process.env, { CAPTCHA_TEST_MODE: "1", SMS_PROVIDER: "console" });
  resetEnvCache();
});
afterEach(() => {
  vi.useRealTimers();
  resetEnvCache();
});

const attempt = async (password: string) => logOn({ kind: "mail", login: ALICE.address, password, ...(await passedCaptcha()) }, meta);

/** Ten different wrong passwords: the account locks; the 10th answer holds the owner's notice. */
async function lockAlice(prefix = "Wrong#Guess"): Promise<LogOnResult> {
  let last: LogOnResult | undefined;
  for (let i = 1; i <= 10; i++) last = await attempt(`${prefix}${i}x`);
  expect((await accountByAddress(ALICE.address)).lockedUntil).not.toBeNull();
  return last!;
}

describe("smart lockout", () => {
  it("the same wrong password 12 times counts once: no lock, and the answer never changes", async () => {
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await attempt("Old#Password2025"));
    for (const a of answers) expect(a).toMatchObject({ ok: false, error: "invalid" });
    const a = await accountByAddress(ALICE.address);
    expect(a.failedLogonCount).toBe(1);
    expect(a.lockedUntil).toBeNull();
    const failures = await auditActions({ action: "logon.failure" });
    expect(failures).toHaveLength(12);
    expect(failures.filter((e) => (e.detail as { repeat?: string })?.repeat === "true")).toHaveLength(11);
    // Still the owner's password works.
    expect((await attempt(ALICE.password)).ok).toBe(true);
  });

  it("counts it again after 15 minutes, not at 14:59, and different wrong passwords still lock at 10", async () => {
    await attempt("Old#Password2025");
    clock.advance(15 * MINUTE - 1000);
    await attempt("Old#Password2025");
    expect((await accountByAddress(ALICE.address)).failedLogonCount).toBe(1);
    clock.advance(2000);
    await attempt("Old#Password2025");
    expect((await accountByAddress(ALICE.address)).failedLogonCount).toBe(2);
    await lockAlice();
  });

  it("keeps only a keyed hash of a wrong password, never the password", async () => {
    await attempt("Old#Password2025");
    const keys = (await getDb().rateLimit.findMany({ select: { key: true } })).map((r) => r.key).join("\n");
    expect(keys).not.toContain("Old#Password2025");
    expect(keys).not.toContain("Password2025");
  });
});

describe("a lock tells the owner, who can unlock it", () => {
  it("the 10th failure's notice goes to the owner's mobile with an unlock link and a 'This wasn't me' link", async () => {
    const tenth = await lockAlice();
    expect(tenth).toMatchObject({ ok: false, error: "invalid", notices: [expect.objectContaining({ type: "lock" })] });
    // Nothing is sent before the response: the action sends it after.
    expect(await getDb().smsMessage.count({ where: { to: ALICE.mobile } })).toBe(0);
    if (!tenth.ok) for (const n of tenth.notices ?? []) await sendNotice(n);
    const [sms] = await getDb().smsMessage.findMany({ where: { to: ALICE.mobile } });
    expect(sms.body).toMatch(/^Postkey: alice@example\.com was locked until .+ UTC after too many wrong passwords\./);
    const token = UNLOCK.exec(sms.body)![1];
    expect(NOT_ME.test(sms.body)).toBe(true);

    // The right password is still refused, with the same answer, until the owner unlocks.
    expect(await attempt(ALICE.password)).toMatchObject({ ok: false, error: "invalid" });
    expect(await isUnlockLinkLive({ token })).toBe(true);
    expect(await unlockWithLink({ token: token }, meta)).toEqual({ ok: true });
    const unlocked = await accountByAddress(ALICE.address);
    expect(unlocked).toMatchObject({ lockedUntil: null, failedLogonCount: 0 });
    expect((await auditActions({ action: "account.unlocked" }))[0]).toMatchObject({ actorKind: "ANONYMOUS", detail: { by: "owner_link" } });
    // No image code asked any more, and the password works.
    expect((await logOn({ kind: "mail", login: ALICE.address, password: ALICE.password }, meta)).ok).toBe(true);
    // Once.
    expect(await unlockWithLink({ token: token }, meta)).toEqual({ ok: false, error: "invalid" });
  });

  it("an unlock link opens the lock it was sent for only, and not after 24 hours", async () => {
    const first = await lockAlice();
    if (!first.ok) for (const n of first.notices ?? []) await sendNotice(n);
    const oldToken = UNLOCK.exec((await getDb().smsMessage.findFirstOrThrow({ where: { to: ALICE.mobile } })).body)![1];
    clock.advance(15 * MINUTE + 1000);
    await lockAlice("Other#Guess");
    expect(await unlockWithLink({ token: oldToken }, meta)).toEqual({ ok: false, error: "invalid" });
    expect((await accountByAddress(ALICE.address)).lockedUntil).not.toBeNull();

    const third = await getDb().mailAccount.findUniqueOrThrow({ where: { address: ALICE.address } });
    expect(third.lockCount).toBe(2);
    clock.advance(24 * 60 * MINUTE + 1000);
    expect(await isUnlockLinkLive({ token: oldToken })).toBe(false);
  });

  it("an account with no channel is locked as before, and nothing is sent", async () => {
    let last: LogOnResult | undefined;
    for (let i = 1; i <= 10; i++)
      last = await logOn({ kind: "mail", login: DEMO.bob.email, password: `Wrong#Guess${i}x`, ...(await passedCaptcha()) }, meta);
    if (last && !last.ok) for (const n of last.notices ?? []) await sendNotice(n);
    expect((await accountByAddress(DEMO.bob.email)).lockedUntil).not.toBeNull();
    expect(await getDb().smsMessage.count()).toBe(0);
    expect(await getDb().ownerLink.count()).toBe(0);
  });
});
