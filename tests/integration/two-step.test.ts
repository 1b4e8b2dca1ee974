import { Secret, TOTP } from "otpauth";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { resetEmployeePassword } from "@/server/admin/reset-employee-password";
import { updateTwoStepPolicy } from "@/server/admin/update-two-step-policy";
import { loadMailUser } from "@/server/auth/load-session-account";
import { logOn, type LogOnResult } from "@/server/auth/log-on";
import { DAY, SECOND } from "@/server/clock";
import { getDb } from "@/server/db";
import {
  confirmTotpSetup,
  disableTotp,
  getTwoStepSettings,
  regenerateRecoveryCodes,
  startTotpSetup,
} from "@/server/two-step/manage-two-step";
import { trustBrowser } from "@/server/two-step/trusted-browser";
import { completeTwoStep, getTwoStepView, sendLogonCode, type PendingTwoStep } from "@/server/two-step/two-step-logon";
import { accountByAddress, auditActions, freshDemo, meta, sessionClaims, useFakeClock } from "../support/fixtures";
import { postmasterFor } from "../support/postmaster";
import { resolvePostmaster } from "@/server/admin/postmaster";
import { DEMO } from "../support/demo-accounts";

/**
 * Two-step logon (ADR 0008): postmasters always, employees when their
 * domain asks; an SMS code, an authenticator app (RFC 6238, ±1 step, each
 * step once) or a one-use recovery code; 5 wrong codes end an attempt and
 * each counts toward the logon lock; "Trust this browser" ends with a reset.
 */
const PM = { address: DEMO.postmaster.email, password: DEMO.postmaster.password, mobile: DEMO.postmaster.mobile };
const ALICE = { address: DEMO.alice.email, password: DEMO.alice.password, mobile: DEMO.alice.mobile };
const BOB = { address: DEMO.bob.email, password: DEMO.bob.password };

let clock: ReturnType<typeof useFakeClock>;
const saved = { ...process.env };
beforeEach(async () => {
  await freshDemo();
  clock = useFakeClock();
  Object.assign(process.env, { SMS_PROVIDER: "console", SMS_HOURLY_CAP: "1000" });
  resetEnvCache();
});
afterEach(() => {
  vi.useRealTimers();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvCache();
});

const passwordStep = (who: { address: string; password: string }, trustedBrowser?: string) =>
  logOn({ kind: "mail", login: who.address, password: who.password, trustedBrowser }, meta);

async function pendingOf(who: { address: string; password: string }): Promise<PendingTwoStep> {
  const r = await passwordStep(who);
  if (r.ok !== "second_step") throw new Error(`expected a second step, got ${JSON.stringify(r)}`);
  return r.pending;
}

async function lastSmsCode(to: string): Promise<string> {
  const m = await getDb().smsMessage.findFirstOrThrow({ where: { to, purpose: "LOGON_CODE" }, orderBy: { createdAt: "desc" } });
  return m.body.match(/\d{6}/)![0];
}

/** A mail account as the owner of two-step settings. */
const own = (a: { id: string }) => ({ kind: "mail" as const, id: a.id });
const mailTrust = (a: { id: string; sessionVersion: number }) => ({ kind: "mail" as const, id: a.id, sessionVersion: a.sessionVersion });
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");
const counters = (address: string) =>
  getDb().mailAccount.findUniqueOrThrow({
    where: { address },
    select: { failedLogonCount: true, lockedUntil: true, sessionVersion: true },
  });

/** Sets up the authenticator app; returns a generator of its codes at any time, and the recovery codes. */
async function setUpApp(who: { address: string; password: string }) {
  const account = await accountByAddress(who.address);
  expect(await startTotpSetup({ owner: own(account), password: who.password }, meta)).toEqual({ ok: true });
  const settings = await getTwoStepSettings({ owner: own(account) });
  expect(settings?.pending?.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(settings!.pending!.base32) });
  const codeAt = (offsetMs = 0) => totp.generate({ timestamp: Date.now() + offsetMs });
  const confirmed = await confirmTotpSetup({ owner: own(account), code: codeAt() }, meta);
  if (!confirmed.ok) throw new Error(`setup refused: ${confirmed.error}`);
  return { account, codeAt, recoveryCodes: confirmed.recoveryCodes };
}

describe("the password step", () => {
  it("asks a postmaster for a second step and opens no session, resets no failure count", async () => {
    await getDb().mailAccount.update({ where: { address: PM.address }, data: { failedLogonCount: 3 } });
    const r = await passwordStep(PM);
    expect(r).toMatchObject({ ok: "second_step", pending: { version: 0 } });
    expect(await getDb().session.count()).toBe(0);
    expect((await counters(PM.address)).failedLogonCount).toBe(3);
    expect((await auditActions({ action: "two_step.started" })).length).toBe(1);
    expect(await getTwoStepView({ pending: (r as Extract<LogOnResult, { ok: "second_step" }>).pending })).toMatchObject({
      address: PM.address,
      methods: { sms: { masked: "+1 ••• ••• 0100" }, totp: false },
      codeSent: false,
    });
  });

  it("asks employees only when their domain requires it; an account with no method is let in to set one up", async () => {
    expect((await passwordStep(ALICE)).ok).toBe(true);
    const pm = await accountByAddress(PM.address);
    const alice = await accountByAddress(ALICE.address);
    expect(await resolvePostmaster(alice.id, "policy.two_step", meta)).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect(await updateTwoStepPolicy({ postmaster: await postmasterFor(pm.id), requireTwoStepForEmployees: true }, meta)).toEqual({
      ok: true,
      changed: true,
    });
    expect((await auditActions({ action: "policy.two_step_changed" }))[0].detail).toEqual({
      before: { requireTwoStepForEmployees: false },
      after: { requireTwoStepForEmployees: true },
    });
    expect((await passwordStep(ALICE)).ok).toBe("second_step");
    // Bob has neither a mobile nor an app: he logs on, and his session may only reach Account Security.
    const r = await passwordStep(BOB);
    expect(r.ok).toBe(true);
    const bob = await accountByAddress(BOB.address);
    const user = await loadMailUser(await sessionClaims("mail", bob));
    expect(user?.twoStepSetupRequired).toBe(true);
    const [success] = (await auditActions({ action: "logon.success" })).filter((e) => e.targetId === bob.id);
    expect(success.detail).toEqual({ twoStep: "setup_required" });
  });
});

describe("SMS codes", () => {
  it("completes the logon with the code sent to the secure mobile, once", async () => {
    const pending = await pendingOf(PM);
    expect(await completeTwoStep({ pending, method: "SMS", code: "123456" }, meta)).toEqual({
      ok: false,
      error: "wrong_code",
      ended: false,
    });
    expect(await sendLogonCode({ pending }, meta)).toEqual({ ok: true, masked: "+1 ••• ••• 0100" });
    expect(await sendLogonCode({ pending }, meta)).toMatchObject({ ok: false, error: "resend_wait" });
    const code = await lastSmsCode(PM.mobile);
    expect(await getTwoStepView({ pending })).toMatchObject({ codeSent: true, resendInMs: 60 * SECOND });
    const r = await completeTwoStep({ pending, method: "SMS", code }, meta);
    expect(r).toMatchObject({ ok: true, account: { role: "POSTMASTER", sessionVersion: 0 } });
    // The same claims never open a second session.
    expect(await completeTwoStep({ pending, method: "SMS", code }, meta)).toEqual({ ok: false, error: "ended" });
    const pm = await accountByAddress(PM.address);
    expect((await counters(PM.address)).failedLogonCount).toBe(0);
    const success = (await auditActions({ action: "logon.success" })).filter((e) => e.targetId === pm.id);
    expect(success.map((e) => e.detail)).toEqual([{ twoStep: "SMS" }]);
    expect(JSON.stringify(await auditActions())).not.toContain(code);
  });

  it("sends at most 5 codes an hour per account", async () => {
    const pending = await pendingOf(PM);
    for (let i = 0; i < 5; i++) {
      expect((await sendLogonCode({ pending }, meta)).ok).toBe(true);
      clock.advance(60 * SECOND);
    }
    expect(await sendLogonCode({ pending }, meta)).toMatchObject({ ok: false, error: "send_limit" });
  });

  it("ends the attempt at the 5th wrong code, and counts every wrong code toward the logon lock", async () => {
    const first = await pendingOf(PM);
    await sendLogonCode({ pending: first }, meta);
    const code = await lastSmsCode(PM.mobile);
    for (let i = 1; i <= 4; i++)
      expect(await completeTwoStep({ pending: first, method: "SMS", code: wrong(code) }, meta)).toMatchObject({ ended: false });
    expect(await completeTwoStep({ pending: first, method: "SMS", code: wrong(code) }, meta)).toEqual({
      ok: false,
      error: "wrong_code",
      ended: true,
    });
    expect(await completeTwoStep({ pending: first, method: "SMS", code }, meta)).toEqual({ ok: false, error: "ended" });
    expect((await counters(PM.address)).failedLogonCount).toBe(5);

    // The right password again does not wipe them: 5 more wrong codes lock the account.
    const second = await pendingOf(PM);
    expect((await counters(PM.address)).failedLogonCount).toBe(5);
    for (let i = 1; i <= 5; i++) {
      const r = await completeTwoStep({ pending: second, method: "SMS", code: "000000" }, meta);
      if (i < 5) expect(r).toMatchObject({ ok: false, error: "wrong_code", ended: false });
      // The 10th wrong code locks the account: its owner's notice (with the unlock link) rides along.
      else expect(r).toEqual({ ok: false, error: "wrong_code", ended: true, notices: [expect.objectContaining({ type: "lock" })] });
    }
    expect((await counters(PM.address)).lockedUntil).not.toBeNull();
    expect((await passwordStep(PM)).ok).toBe(false);
    expect((await auditActions({ action: "two_step.failed" })).length).toBe(10);
  });

  it("ends the attempt after 10 minutes, and when a reset ends the account's sessions meanwhile", async () => {
    const late = await pendingOf(PM);
    await sendLogonCode({ pending: late }, meta);
    clock.advance(10 * 60 * SECOND);
    expect(await completeTwoStep({ pending: late, method: "SMS", code: await lastSmsCode(PM.mobile) }, meta)).toEqual({
      ok: false,
      error: "ended",
    });
    expect(await getTwoStepView({ pending: late })).toBeNull();

    await getDb().domain.update({ where: { name: "example.com" }, data: { requireTwoStepForEmployees: true } });
    const pending = await pendingOf(ALICE);
    clock.advance(61 * SECOND);
    await sendLogonCode({ pending }, meta);
    const pm = await accountByAddress(PM.address);
    const alice = await accountByAddress(ALICE.address);
    const reset = await resetEmployeePassword(
      {
        postmaster: await postmasterFor(pm.id),
        accountId: alice.id,
        password: "Fresh#Harbor2027",
        confirmPassword: "Fresh#Harbor2027",
        mustChangePassword: false,
      },
      meta,
    );
    expect(reset.ok).toBe(true);
    expect(await completeTwoStep({ pending, method: "SMS", code: await lastSmsCode(ALICE.mobile) }, meta)).toEqual({
      ok: false,
      error: "ended",
    });
  });
});

describe("the authenticator app (TOTP)", () => {
  it("is set up by scanning the QR code and confirming one code; the key is stored encrypted", async () => {
    const account = await accountByAddress(PM.address);
    // Adding a method asks for the password: a session alone cannot add a second factor.
    expect(await startTotpSetup({ owner: own(account), password: "Not#The-Password1" }, meta)).toEqual({
      ok: false,
      error: "wrong_password",
    });
    expect(await getTwoStepSettings({ owner: own(account) })).toMatchObject({ pending: null });
    expect((await auditActions({ action: "totp.enabled" }))[0]).toMatchObject({ result: "FAILURE", detail: { reason: "wrong_password" } });
    expect(await startTotpSetup({ owner: own(account), password: PM.password }, meta)).toEqual({ ok: true });
    const settings = await getTwoStepSettings({ owner: own(account) });
    expect(await confirmTotpSetup({ owner: own(account), code: "000000" }, meta)).toMatchObject({ ok: false, error: "wrong_code" });
    const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(settings!.pending!.base32) });
    const r = await confirmTotpSetup({ owner: own(account), code: totp.generate() }, meta);
    expect(r).toMatchObject({ ok: true });
    if (r.ok) {
      expect(r.recoveryCodes).toHaveLength(10);
      expect(new Set(r.recoveryCodes).size).toBe(10);
      for (const c of r.recoveryCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    }
    const row = await getDb().mailAccount.findUniqueOrThrow({
      where: { id: account.id },
      select: { totpSecret: true, totpPendingSecret: true, totpEnabledAt: true },
    });
    expect(row.totpSecret).toMatch(/^v2\./);
    expect(row.totpSecret).not.toContain(settings!.pending!.base32);
    expect(row.totpPendingSecret).toBeNull();
    expect(row.totpEnabledAt).not.toBeNull();
    const stored = await getDb().twoStepRecoveryCode.findMany({ where: { accountId: account.id }, omit: { codeHash: false } });
    expect(stored).toHaveLength(10);
    if (r.ok) for (const s of stored) expect(r.recoveryCodes).not.toContain(s.codeHash);
    expect(await getTwoStepSettings({ owner: own(account) })).toMatchObject({
      totpEnabledAt: expect.any(Date),
      codesLeft: 10,
      pending: null,
    });
  });

  it("accepts a code within ±1 step, each step once, and never an older one", async () => {
    const { codeAt } = await setUpApp(PM);
    clock.advance(90 * SECOND);
    // One step behind: the phone's clock is a little slow.
    const behind = codeAt(-30 * SECOND);
    expect(await completeTwoStep({ pending: await pendingOf(PM), method: "TOTP", code: behind }, meta)).toMatchObject({ ok: true });
    // Replayed, in a new attempt: refused.
    expect(await completeTwoStep({ pending: await pendingOf(PM), method: "TOTP", code: behind }, meta)).toMatchObject({
      ok: false,
      error: "wrong_code",
    });
    // Two steps ahead: outside the window.
    expect(await completeTwoStep({ pending: await pendingOf(PM), method: "TOTP", code: codeAt(60 * SECOND) }, meta)).toMatchObject({
      ok: false,
      error: "wrong_code",
    });
    // One step ahead: accepted; after it, the current step (older) is refused.
    expect(await completeTwoStep({ pending: await pendingOf(PM), method: "TOTP", code: codeAt(30 * SECOND) }, meta)).toMatchObject({
      ok: true,
    });
    expect(await completeTwoStep({ pending: await pendingOf(PM), method: "TOTP", code: codeAt() }, meta)).toMatchObject({
      ok: false,
      error: "wrong_code",
    });
  });

  it("takes each recovery code once, typed in any case and spacing; new codes void the old ones", async () => {
    const { account, recoveryCodes } = await setUpApp(PM);
    const [first, second] = recoveryCodes;
    expect(
      await completeTwoStep({ pending: await pendingOf(PM), method: "RECOVERY_CODE", code: first.toUpperCase().replace("-", " ") }, meta),
    ).toMatchObject({
      ok: true,
    });
    expect(await completeTwoStep({ pending: await pendingOf(PM), method: "RECOVERY_CODE", code: first }, meta)).toMatchObject({
      error: "wrong_code",
    });
    expect((await getTwoStepSettings({ owner: own(account) }))?.codesLeft).toBe(9);

    expect(await regenerateRecoveryCodes({ owner: own(account), password: "not-the-password" }, meta)).toEqual({
      ok: false,
      error: "wrong_password",
    });
    const fresh = await regenerateRecoveryCodes({ owner: own(account), password: PM.password }, meta);
    expect(fresh).toMatchObject({ ok: true });
    expect(await completeTwoStep({ pending: await pendingOf(PM), method: "RECOVERY_CODE", code: second }, meta)).toMatchObject({
      error: "wrong_code",
    });
    if (fresh.ok) {
      expect(
        await completeTwoStep({ pending: await pendingOf(PM), method: "RECOVERY_CODE", code: fresh.recoveryCodes[0] }, meta),
      ).toMatchObject({
        ok: true,
      });
    }
  });

  it("is turned off with the password, unless it is the only method of an account that requires two steps", async () => {
    const { account } = await setUpApp(PM);
    await getDb().mailAccount.update({ where: { id: account.id }, data: { secureMobile: null, secureMobileVerifiedAt: null } });
    expect(await disableTotp({ owner: own(account), password: PM.password }, meta)).toEqual({ ok: false, error: "still_required" });
    await getDb().mailAccount.update({ where: { id: account.id }, data: { secureMobile: PM.mobile, secureMobileVerifiedAt: new Date() } });
    expect(await disableTotp({ owner: own(account), password: "wrong" }, meta)).toEqual({ ok: false, error: "wrong_password" });
    expect(await disableTotp({ owner: own(account), password: PM.password }, meta)).toEqual({ ok: true });
    expect(await getDb().twoStepRecoveryCode.count({ where: { accountId: account.id } })).toBe(0);
    expect(await getTwoStepView({ pending: await pendingOf(PM) })).toMatchObject({
      methods: { sms: { masked: "+1 ••• ••• 0100" }, totp: false },
    });
  });
});

describe("Trust this browser for 30 days", () => {
  it("skips the second step on that browser for that account, until a reset or 30 days", async () => {
    await getDb().domain.update({ where: { name: "example.com" }, data: { requireTwoStepForEmployees: true } });
    const alice = await accountByAddress(ALICE.address);
    const pm = await accountByAddress(PM.address);
    const cookie = await trustBrowser(undefined, mailTrust(alice), meta);
    expect((await passwordStep(ALICE, cookie)).ok).toBe(true);
    // Another account on the same browser is not trusted by it.
    expect((await passwordStep(PM, cookie)).ok).toBe("second_step");
    // A tampered cookie is no cookie.
    const tampered = `${cookie.slice(0, -2)}${cookie.endsWith("xx") ? "yy" : "xx"}`;
    expect((await passwordStep(ALICE, tampered)).ok).toBe("second_step");

    clock.advance(30 * DAY + SECOND);
    expect((await passwordStep(ALICE, cookie)).ok).toBe("second_step");

    const again = await trustBrowser(cookie, mailTrust(alice), meta);
    expect((await passwordStep(ALICE, again)).ok).toBe(true);
    await resetEmployeePassword(
      {
        postmaster: await postmasterFor(pm.id),
        accountId: alice.id,
        password: "Fresh#Harbor2027",
        confirmPassword: "Fresh#Harbor2027",
        mustChangePassword: false,
      },
      meta,
    );
    expect((await passwordStep({ address: ALICE.address, password: "Fresh#Harbor2027" }, again)).ok).toBe("second_step");
  });
});

describe("the cloud console's operators (by their own choice)", () => {
  const OPS = { email: DEMO.ops.email, password: DEMO.ops.password };
  const consoleStep = () => logOn({ kind: "cloud", login: OPS.email, password: OPS.password }, meta);

  it("log on with the password alone until they turn on an authenticator app; then with its code or a recovery code", async () => {
    expect((await consoleStep()).ok).toBe(true);
    const op = await getDb().cloudAccount.findUniqueOrThrow({ where: { email: OPS.email } });
    const owner = { kind: "cloud" as const, id: op.id };
    expect(await getTwoStepSettings({ owner })).toMatchObject({ required: false, needsSetup: false, totpEnabledAt: null, pending: null });
    await startTotpSetup({ owner, password: OPS.password }, meta);
    const settings = await getTwoStepSettings({ owner });
    const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(settings!.pending!.base32) });
    const confirmed = await confirmTotpSetup({ owner, code: totp.generate() }, meta);
    if (!confirmed.ok) throw new Error("setup refused");
    const [enabled] = await auditActions({ action: "totp.enabled" });
    expect(enabled).toMatchObject({ actorKind: "CLOUD_ACCOUNT", actorId: op.id, domainId: null, result: "SUCCESS" });

    const first = await consoleStep();
    expect(first).toMatchObject({ ok: "second_step", pending: { kind: "cloud", accountId: op.id } });
    if (first.ok !== "second_step") return;
    // No secure mobile: no SMS for an operator.
    expect(await getTwoStepView({ pending: first.pending })).toMatchObject({ methods: { sms: null, totp: true } });
    expect(await sendLogonCode({ pending: first.pending }, meta)).toEqual({ ok: false, error: "method_unavailable" });
    clock.advance(30 * SECOND);
    expect(await completeTwoStep({ pending: first.pending, method: "TOTP", code: totp.generate() }, meta)).toMatchObject({
      ok: true,
      account: { accountId: op.id, role: "OPERATOR" },
    });

    const second = await consoleStep();
    if (second.ok !== "second_step") throw new Error("expected a second step");
    expect(
      await completeTwoStep({ pending: second.pending, method: "RECOVERY_CODE", code: confirmed.recoveryCodes[0] }, meta),
    ).toMatchObject({
      ok: true,
    });
    // The code used up is one of the operator's own (its codes hang on its CloudAccount row).
    expect(await getDb().twoStepRecoveryCode.count({ where: { cloudAccountId: op.id, usedAt: { not: null } } })).toBe(1);

    // Turned off with the console password (a wrong one is audited and counted like every console re-authentication).
    expect(await disableTotp({ owner, password: "Wrong#Console2026" }, meta)).toEqual({ ok: false, error: "wrong_password" });
    expect(await disableTotp({ owner, password: OPS.password }, meta)).toEqual({ ok: true });
    expect((await consoleStep()).ok).toBe(true);
  });

  it("counts wrong codes toward the operator's own logon lock", async () => {
    const op = await getDb().cloudAccount.findUniqueOrThrow({ where: { email: OPS.email } });
    const owner = { kind: "cloud" as const, id: op.id };
    await startTotpSetup({ owner, password: OPS.password }, meta);
    const settings = await getTwoStepSettings({ owner });
    const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(settings!.pending!.base32) });
    await confirmTotpSetup({ owner, code: totp.generate() }, meta);
    const pending = await consoleStep();
    if (pending.ok !== "second_step") throw new Error("expected a second step");
    for (let i = 1; i <= 5; i++) await completeTwoStep({ pending: pending.pending, method: "TOTP", code: "000000" }, meta);
    const after = await getDb().cloudAccount.findUniqueOrThrow({ where: { id: op.id }, select: { failedLogonCount: true } });
    expect(after.failedLogonCount).toBe(5);
    expect(await completeTwoStep({ pending: pending.pending, method: "TOTP", code: totp.generate() }, meta)).toEqual({
      ok: false,
      error: "ended",
    });
  });
});
