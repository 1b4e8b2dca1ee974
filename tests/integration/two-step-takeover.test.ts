import { Secret, TOTP } from "otpauth";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { endMySessions } from "@/server/account-security/end-my-sessions";
import { removeSecureMobile } from "@/server/account-security/remove-secure-mobile";
import { loadMailUser } from "@/server/auth/load-session-account";
import { logOn } from "@/server/auth/log-on";
import { getDb } from "@/server/db";
import { confirmTotpSetup, disableTotp, getTwoStepSettings, startTotpSetup } from "@/server/two-step/manage-two-step";
import {
  currentTrustId,
  forgetTrustedBrowser,
  isTrustedBrowser,
  listTrustedBrowsers,
  trustBrowser,
} from "@/server/two-step/trusted-browser";
import { completeTwoStep, getTwoStepView } from "@/server/two-step/two-step-logon";
import { accountByAddress, auditActions, freshDemo, meta, otherMeta, sessionClaims, useFakeClock } from "../support/fixtures";
import { DEMO } from "../support/demo-accounts";

/**
 * SECURITY.md "Second step and recovery strength": the second step means what the page says. Each test here
 * failed on the code before it (an employee's own app never asked; the last
 * method removable; a setup-only session promoted; parallel wrong app codes
 * all judged; "Log off all other sessions" leaving trusted browsers trusted).
 */
const PM = { address: DEMO.postmaster.email, password: DEMO.postmaster.password, mobile: DEMO.postmaster.mobile };
const ALICE = { address: DEMO.alice.email, password: DEMO.alice.password, mobile: DEMO.alice.mobile };
const BOB = { address: DEMO.bob.email, password: DEMO.bob.password };

beforeEach(async () => {
  await freshDemo();
  useFakeClock();
  process.env.SMS_PROVIDER = "console";
  resetEnvCache();
});
afterEach(() => {
  vi.useRealTimers();
  resetEnvCache();
});

const passwordStep = (who: { address: string; password: string }, trustedBrowser?: string) =>
  logOn({ kind: "mail", login: who.address, password: who.password, trustedBrowser }, meta);
const own = (a: { id: string }) => ({ kind: "mail" as const, id: a.id });

async function setUpApp(who: { address: string; password: string }) {
  const account = await accountByAddress(who.address);
  expect(await startTotpSetup({ owner: own(account), password: who.password }, meta)).toEqual({ ok: true });
  const settings = await getTwoStepSettings({ owner: own(account) });
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(settings!.pending!.base32) });
  const confirmed = await confirmTotpSetup({ owner: own(account), code: totp.generate() }, meta);
  if (!confirmed.ok) throw new Error(`setup refused: ${confirmed.error}`);
  return { account, totp };
}

describe("an account with a second-step method is asked for it", () => {
  it("an employee who set up an authenticator app is asked for it at every logon, though the domain does not require two steps", async () => {
    expect((await passwordStep(ALICE)).ok).toBe(true);
    const { account } = await setUpApp(ALICE);
    const r = await passwordStep(ALICE);
    expect(r.ok).toBe("second_step");
    if (r.ok !== "second_step") return;
    // Her secure mobile works as a second step too once she opted in.
    expect(await getTwoStepView({ pending: r.pending })).toMatchObject({ methods: { sms: { masked: "+1 ••• ••• 0101" }, totp: true } });
    // Turned off (her own choice, with the password): the password alone again.
    expect(await disableTotp({ owner: own(account), password: ALICE.password }, meta)).toEqual({ ok: true });
    expect((await passwordStep(ALICE)).ok).toBe(true);
  });

  it("an employee's secure mobile alone is a way back in, not a second step", async () => {
    expect((await passwordStep(ALICE)).ok).toBe(true);
  });
});

describe("the last method of an account that requires a second step", () => {
  it("the secure mobile cannot be removed while it is the only method", async () => {
    const pm = await accountByAddress(PM.address);
    expect(await removeSecureMobile({ accountId: pm.id, currentPassword: PM.password, meta })).toEqual({
      ok: false,
      error: "still_required",
    });
    expect((await accountByAddress(PM.address)).secureMobile).toBe(PM.mobile);
    expect((await auditActions({ action: "mobile.removed" }))[0]).toMatchObject({
      result: "REFUSED",
      detail: { reason: "still_required" },
    });
  });

  it("with an app and a mobile, parallel removals of both leave exactly one", async () => {
    const { account } = await setUpApp(PM);
    const [off, removed] = await Promise.all([
      disableTotp({ owner: own(account), password: PM.password }, meta),
      removeSecureMobile({ accountId: account.id, currentPassword: PM.password, meta }),
    ]);
    expect([off.ok, removed.ok].filter(Boolean)).toHaveLength(1);
    expect([off, removed].find((r) => !r.ok)).toEqual({ ok: false, error: "still_required" });
    const left = await getTwoStepSettings({ owner: own(account) });
    expect(Boolean(left?.maskedMobile) !== Boolean(left?.totpEnabledAt)).toBe(true);
  });

  it("an employee who chose an app may remove the mobile and turn the app off", async () => {
    const { account } = await setUpApp(ALICE);
    expect(await removeSecureMobile({ accountId: account.id, currentPassword: ALICE.password, meta })).toEqual({ ok: true });
    expect(await disableTotp({ owner: own(account), password: ALICE.password }, meta)).toEqual({ ok: true });
  });
});

describe("a setup-only session", () => {
  beforeEach(async () => {
    await getDb().domain.update({ where: { name: "example.com" }, data: { requireTwoStepForEmployees: true } });
  });

  it("is what a password alone gets for an account with no method, and it is never promoted by adding one", async () => {
    const r = await passwordStep(BOB);
    expect(r).toMatchObject({ ok: true, setupOnly: true });
    const bob = await accountByAddress(BOB.address);
    const claims = await sessionClaims("mail", bob, meta, { setupOnly: true });
    expect(await loadMailUser(claims)).toMatchObject({ twoStepSetupRequired: true, logOnAgain: false });

    await setUpApp(BOB);
    // The same session may now do nothing but log off: the app must be used at a fresh logon.
    expect(await loadMailUser(claims)).toMatchObject({ twoStepSetupRequired: true, logOnAgain: true });
    const again = await passwordStep(BOB);
    expect(again.ok).toBe("second_step");
  });

  it("an account that had its method at logon gets a full session", async () => {
    const alice = await accountByAddress(ALICE.address);
    const claims = await sessionClaims("mail", alice);
    expect(await loadMailUser(claims)).toMatchObject({ twoStepSetupRequired: false, logOnAgain: false });
  });
});

describe("parallel wrong authenticator codes", () => {
  it("41 at once on one attempt: 5 are judged, counted and audited; the attempt ends; the rest are not looked at", async () => {
    await setUpApp(PM);
    const r = await passwordStep(PM);
    if (r.ok !== "second_step") throw new Error("expected a second step");
    const before = await accountByAddress(PM.address);
    const results = await Promise.all(
      Array.from({ length: 41 }, () => completeTwoStep({ pending: r.pending, method: "TOTP", code: "000000" }, meta)),
    );
    expect(results.every((x) => !x.ok)).toBe(true);
    expect((await auditActions({ action: "two_step.failed" })).length).toBe(5);
    const after = await accountByAddress(PM.address);
    expect(after.failedLogonCount - before.failedLogonCount).toBe(5);
    expect(after.lockedUntil).toBeNull();
    expect(await getTwoStepView({ pending: r.pending })).toBeNull();
  });
});

describe("trusted browsers", () => {
  it("'Log off all other sessions' ends every other browser's trust and keeps this one's; 'Forget' ends one", async () => {
    const pm = await accountByAddress(PM.address);
    const subject = { kind: "mail" as const, id: pm.id, sessionVersion: pm.sessionVersion };
    const laptop = await trustBrowser(undefined, subject, otherMeta);
    const tablet = await trustBrowser(undefined, subject, otherMeta);
    const here = await trustBrowser(undefined, subject, meta);
    expect((await passwordStep(PM, laptop)).ok).toBe(true);
    expect(await listTrustedBrowsers(subject)).toHaveLength(3);

    const current = await sessionClaims("mail", pm);
    const other = await sessionClaims("mail", pm, otherMeta);
    const caller = {
      accountId: pm.id,
      address: pm.address,
      domainId: pm.domainId,
      currentSessionId: current.sessionId,
      currentTrustId: await currentTrustId(here, subject),
    };
    expect(await endMySessions({ caller: caller, which: "all_others" }, meta)).toEqual({ ok: true, ended: 1, untrusted: 2 });
    expect(await loadMailUser(other)).toBeNull();
    // The lost laptop, with the password saved, is asked for the second step again.
    expect((await passwordStep(PM, laptop)).ok).toBe("second_step");
    expect((await passwordStep(PM, tablet)).ok).toBe("second_step");
    expect(await isTrustedBrowser(here, subject, new Date())).toBe(true);

    const owner = { kind: "mail" as const, id: pm.id, login: pm.address, domainId: pm.domainId };
    expect(await forgetTrustedBrowser({ owner, trustId: (await currentTrustId(here, subject))! }, meta)).toEqual({ ok: true });
    expect((await passwordStep(PM, here)).ok).toBe("second_step");
    expect(await forgetTrustedBrowser({ owner, trustId: "no-such-browser" }, meta)).toEqual({ ok: false, error: "gone" });
    expect(await listTrustedBrowsers(subject)).toHaveLength(0);
  });

  it("another account's trust cannot be forgotten by id", async () => {
    const pm = await accountByAddress(PM.address);
    const alice = await accountByAddress(ALICE.address);
    const cookie = await trustBrowser(undefined, { kind: "mail", id: pm.id, sessionVersion: pm.sessionVersion }, meta);
    const trustId = (await currentTrustId(cookie, { kind: "mail", id: pm.id, sessionVersion: pm.sessionVersion }))!;
    const aliceOwner = { kind: "mail" as const, id: alice.id, login: alice.address, domainId: alice.domainId };
    expect(await forgetTrustedBrowser({ owner: aliceOwner, trustId }, meta)).toEqual({ ok: false, error: "gone" });
    expect((await passwordStep(PM, cookie)).ok).toBe(true);
  });
});
