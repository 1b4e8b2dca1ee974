import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { refText } from "../support/i18n";
import { getDomainPolicy } from "@/server/admin/get-domain-policy";
import { updatePasswordProfile } from "@/server/admin/update-password-profile";
import { updateTwoStepPolicy } from "@/server/admin/update-two-step-policy";
import { AuditAction } from "@/server/audit/audit-action";
import { logOn } from "@/server/auth/log-on";
import { getDb } from "@/server/db";
import { listEmployeeAccounts } from "@/server/admin/list-employee-accounts";
import { changeOwnPassword } from "@/server/passwords/change-own-password";
import { sendExpiryReminders } from "@/server/passwords/expiry-reminders";
import { hashPassword, verifyPassword } from "@/server/security/password-hash";
import { accountByAddress, auditActions, freshDemo, meta, useFakeClock } from "../support/fixtures";
import { DEMO } from "../support/demo-accounts";
import { postmasterFor } from "../support/postmaster";
import { startPwnedRangeStub, type PwnedRangeStub } from "../support/pwned-range-stub";

/**
 * Password policy profiles end to end in the domain (SECURITY.md "Passwords"): a postmaster's choice,
 * every path that sets a password following it, the breach screening when a password is set and at logon,
 * and the change forced at logon with its reason. Real Postgres and argon2; the range API is a local stub.
 */
const BREACHED = "Tr0ub4dor&3xyz!";
const PASSPHRASE = "quiet orchard lantern";
let stub: PwnedRangeStub;
const saved = { mode: process.env.BREACHED_PASSWORDS, url: process.env.BREACHED_PASSWORDS_API_URL };

beforeAll(async () => {
  stub = await startPwnedRangeStub({ hashes: [BREACHED, "correct horse battery staple"] });
  process.env.BREACHED_PASSWORDS = "hibp";
  process.env.BREACHED_PASSWORDS_API_URL = stub.url;
  resetEnvCache();
});
afterAll(async () => {
  for (const [k, v] of [
    ["BREACHED_PASSWORDS", saved.mode],
    ["BREACHED_PASSWORDS_API_URL", saved.url],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  await stub.stop();
});

let pm: Awaited<ReturnType<typeof accountByAddress>>;
const choose = async (profile: "article" | "nist" | "custom", custom: Record<string, string> = {}, allowUnicode = false) =>
  updatePasswordProfile({ postmaster: await postmasterFor(pm.id), profile, custom: { ...custom, allowUnicode } }, meta);
const change = async (who: { email: string; password: string }, password: string) => {
  const a = await accountByAddress(who.email);
  return changeOwnPassword({ kind: "mail", accountId: a.id, currentPassword: who.password, password, confirmPassword: password }, meta);
};
const refusals = (r: Awaited<ReturnType<typeof change>>) =>
  r.ok || r.error !== "invalid" ? [] : (r.fieldErrors.password ?? []).map(refText);
/** Puts a password on an account behind the policy's back (as one set before a profile changed, or leaked elsewhere). */
const plant = async (email: string, password: string, extra: Record<string, unknown> = {}) =>
  getDb().mailAccount.update({
    where: { address: email },
    data: { passwordHash: await hashPassword(password), passwordScreenedAt: null, ...extra },
  });
const logOnAs = (login: string, password: string) => logOn({ kind: "mail", login, password }, meta);

beforeEach(async () => {
  await freshDemo();
  stub.clear();
  pm = await accountByAddress(DEMO.postmaster.email);
});
afterEach(() => vi.useRealTimers());

describe("a postmaster chooses the profile", () => {
  it("switches example.com to NIST, audited with before and after; the same choice again writes nothing", async () => {
    expect(await choose("nist")).toEqual({ ok: true, changed: true });
    expect((await getDomainPolicy({ domainId: pm.domainId })).rules).toMatchObject({ profile: "nist", minLength: 15 });
    expect(await choose("nist")).toEqual({ ok: true, changed: false });
    const events = await auditActions({ action: AuditAction.passwordProfileChanged });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: pm.id, domainId: pm.domainId, targetLabel: "example.com" });
    expect(events[0].detail).toMatchObject({ before: { profile: "article" }, after: { profile: "nist" } });
  });

  it("refuses custom settings out of bounds beside each field, and saves nothing", async () => {
    const r = await choose("custom", { minLength: "7", maxLength: "64", classesRequired: "3", historyDepth: "5", expiryDays: "" });
    expect(r).toMatchObject({ ok: false, error: "invalid" });
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors)).toEqual(["minLength"]);
    expect(refText(r.fieldErrors.minLength![0])).toBe("Enter a whole number from 8 to 64.");
    expect((await getDomainPolicy({ domainId: pm.domainId })).profile).toBe("article");
    expect(await auditActions({ action: AuditAction.passwordProfileChanged })).toEqual([]);
  });

  it("keeps the custom settings while another profile is chosen", async () => {
    await choose("custom", { minLength: "12", maxLength: "100", classesRequired: "2", historyDepth: "3", expiryDays: "90" }, true);
    await choose("article");
    const p = await getDomainPolicy({ domainId: pm.domainId });
    expect(p.profile).toBe("article");
    expect(p.custom).toEqual({
      minLength: 12,
      maxLength: 100,
      classesRequired: 2,
      historyDepth: 3,
      expiryDays: 90,
      characters: "unicode",
      expirySince: expect.any(String),
    });
    expect(p.rules.minLength).toBe(8);
  });

  it("asks 8 characters under NIST once every account logs on in two steps", async () => {
    await choose("nist");
    await updateTwoStepPolicy({ postmaster: await postmasterFor(pm.id), requireTwoStepForEmployees: true }, meta);
    expect((await getDomainPolicy({ domainId: pm.domainId })).rules.minLength).toBe(8);
  });
});

describe("setting a password follows the profile", () => {
  it("under NIST alice sets a 15+ character passphrase with spaces and no digits, and logs on with it", async () => {
    await choose("nist");
    expect(await change(DEMO.alice, PASSPHRASE)).toMatchObject({ ok: true });
    const a = await getDb().mailAccount.findUniqueOrThrow({ where: { address: DEMO.alice.email }, omit: { passwordHash: false } });
    expect(await verifyPassword(a.passwordHash, PASSPHRASE)).toBe(true);
    expect(a.passwordScreenedAt).not.toBeNull();
  });

  it("under NIST refuses Password1234567 and a password the range API lists, never saying how often it was seen", async () => {
    await choose("nist");
    expect(refusals(await change(DEMO.alice, "Password1234567"))).toEqual([expect.stringContaining("too common")]);
    const breached = refusals(await change(DEMO.alice, "correct horse battery staple"));
    expect(breached).toEqual(["This password has appeared in a data breach, so attackers try it first. Choose a different one."]);
    expect(breached.join()).not.toMatch(/\d/);
    // The range API was asked with 5 hex characters and nothing more.
    expect(stub.requests().map((r) => r.path)).toEqual([expect.stringMatching(/^\/range\/[0-9A-F]{5}$/)]);
  });

  it("under the article's profile still refuses what it refused, and now a breached password too", async () => {
    expect(refusals(await change(DEMO.alice, PASSPHRASE))).toEqual([
      "Use only letters, digits and the special characters on a standard keyboard (no spaces or accented letters).",
      "Use at least three of: uppercase letters, lowercase letters, numbers and special characters.",
    ]);
    expect(refusals(await change(DEMO.alice, BREACHED))).toEqual([expect.stringContaining("data breach")]);
  });

  it("keeps the custom history depth: 0 lets an earlier password back, the article's 5 does not", async () => {
    const first = "Orchard#Lantern26";
    expect(await change(DEMO.alice, first)).toMatchObject({ ok: true });
    expect(refusals(await change({ email: DEMO.alice.email, password: first }, DEMO.alice.password))).toEqual([
      "Must not be one of your last 5 passwords.",
    ]);
    await choose("custom", { minLength: "8", maxLength: "64", classesRequired: "3", historyDepth: "0", expiryDays: "" });
    expect(await change({ email: DEMO.alice.email, password: first }, DEMO.alice.password)).toMatchObject({ ok: true });
  });

  it("judges by the shipped list when the range API fails, and never blocks the change", async () => {
    await choose("nist");
    await fetch(`${stub.url}/_stub/fail-next?status=500&times=5`, { method: "POST" });
    expect(await change(DEMO.alice, PASSPHRASE)).toMatchObject({ ok: true });
  });
});

describe("at logon", () => {
  it("a correct password found breached must be changed before going on: marked with its reason, audited once", async () => {
    await plant(DEMO.bob.email, BREACHED);
    const r = await logOnAs(DEMO.bob.email, BREACHED);
    expect(r).toMatchObject({ ok: true, mustChangePassword: true });
    const bob = await accountByAddress(DEMO.bob.email);
    expect(bob).toMatchObject({ mustChangePassword: true, mustChangeReason: "BREACHED" });
    const forced = await auditActions({ action: AuditAction.passwordChangeForced });
    expect(forced.map((e) => e.detail)).toEqual([{ reason: "breached", profile: "article" }]);
    expect(JSON.stringify(forced)).not.toContain(BREACHED);
    // Again: still must change, not audited twice.
    expect(await logOnAs(DEMO.bob.email, BREACHED)).toMatchObject({ ok: true, mustChangePassword: true });
    expect(await auditActions({ action: AuditAction.passwordChangeForced })).toHaveLength(1);
    // The postmaster's list says why.
    const list = await listEmployeeAccounts({ postmaster: await postmasterFor(pm.id), query: { status: "must_change" } } as never);
    expect(list.rows.map((x) => [x.address, x.mustChangeReason])).toContainEqual([DEMO.bob.email, "BREACHED"]);
  });

  it("of 5 parallel logons with the breached password, one marks and audits", async () => {
    await plant(DEMO.bob.email, BREACHED);
    const results = await Promise.all(Array.from({ length: 5 }, () => logOnAs(DEMO.bob.email, BREACHED)));
    expect(results.every((r) => r.ok === true && r.mustChangePassword)).toBe(true);
    expect(await auditActions({ action: AuditAction.passwordChangeForced })).toHaveLength(1);
  });

  it("a wrong password is never screened, and a screened one is screened again only a day later", async () => {
    expect(await logOnAs(DEMO.bob.email, BREACHED)).toMatchObject({ ok: false });
    expect(stub.requests()).toEqual([]);
    // Screened when it was set (the seed): not asked at today's logon.
    const clock = useFakeClock();
    expect(await logOnAs(DEMO.bob.email, DEMO.bob.password)).toMatchObject({ ok: true, mustChangePassword: false });
    expect(stub.requests()).toHaveLength(0);
    // A day later (the range cache long expired): asked once, then not for another day.
    clock.advance(24 * 3600_000);
    expect(await logOnAs(DEMO.bob.email, DEMO.bob.password)).toMatchObject({ ok: true, mustChangePassword: false });
    expect(stub.requests()).toHaveLength(1);
    clock.advance(23 * 3600_000);
    expect(await logOnAs(DEMO.bob.email, DEMO.bob.password)).toMatchObject({ ok: true });
    expect(stub.requests()).toHaveLength(1);
    clock.advance(3600_000);
    expect(await logOnAs(DEMO.bob.email, DEMO.bob.password)).toMatchObject({ ok: true });
    expect(stub.requests()).toHaveLength(2);
  });

  it("a password that no longer meets the profile must be changed (reason POLICY); changing the profile forced nobody by itself", async () => {
    await choose("nist");
    // carol's 14 characters met the article's profile; NIST asks 15. bob's 16 still meet it.
    expect(await accountByAddress(DEMO.carol.email)).toMatchObject({ mustChangePassword: false });
    expect(await logOnAs(DEMO.carol.email, DEMO.carol.password)).toMatchObject({ ok: true, mustChangePassword: true });
    expect(await accountByAddress(DEMO.carol.email)).toMatchObject({ mustChangeReason: "POLICY" });
    expect(await logOnAs(DEMO.bob.email, DEMO.bob.password)).toMatchObject({ ok: true, mustChangePassword: false });
    expect(await accountByAddress(DEMO.alice.email)).toMatchObject({ mustChangePassword: false });
  });

  it("a custom expiry: counted from when it came into force for older passwords; the day before it the logon goes on, on the day it must be changed (reason EXPIRED)", async () => {
    // bob's password is five years old: turning a 30-day expiry on does not expire it at once.
    await getDb().mailAccount.update({
      where: { address: DEMO.bob.email },
      data: { passwordChangedAt: new Date(Date.now() - 5 * 365 * 86_400_000) },
    });
    const clock = useFakeClock();
    await choose("custom", { minLength: "8", maxLength: "64", classesRequired: "3", historyDepth: "5", expiryDays: "30" });
    const since = Date.parse((await getDomainPolicy({ domainId: pm.domainId })).custom.expirySince!);
    expect(await logOnAs(DEMO.bob.email, DEMO.bob.password)).toMatchObject({ ok: true, mustChangePassword: false });
    clock.set(new Date(since + 30 * 86_400_000 - 1000));
    expect(await logOnAs(DEMO.bob.email, DEMO.bob.password)).toMatchObject({ ok: true, mustChangePassword: false });
    clock.set(new Date(since + 30 * 86_400_000));
    expect(await logOnAs(DEMO.bob.email, DEMO.bob.password)).toMatchObject({ ok: true, mustChangePassword: true });
    expect(await accountByAddress(DEMO.bob.email)).toMatchObject({ mustChangeReason: "EXPIRED" });
  });

  it("turning an expiry on reminds the owners of old passwords from that day: 14 days before it, not at once", async () => {
    await getDb().mailAccount.updateMany({
      where: { domainId: pm.domainId },
      data: { passwordChangedAt: new Date(Date.now() - 400 * 86_400_000) },
    });
    await choose("custom", { minLength: "8", maxLength: "64", classesRequired: "3", historyDepth: "5", expiryDays: "30" });
    const since = Date.parse((await getDomainPolicy({ domainId: pm.domainId })).custom.expirySince!);
    const reminded = async (days: number) => {
      await sendExpiryReminders({ at: new Date(since + days * 86_400_000) });
      return (await auditActions({ action: AuditAction.passwordExpiryReminded })).length;
    };
    expect(await reminded(0)).toBe(0);
    expect(await reminded(15)).toBe(0);
    const active = await getDb().mailAccount.count({ where: { domainId: pm.domainId, status: "ACTIVE" } });
    expect(await reminded(16)).toBe(active);
  });

  it("NIST never expires a password, however old", async () => {
    await choose("nist");
    await plant(DEMO.bob.email, PASSPHRASE, { passwordChangedAt: new Date(Date.now() - 5 * 365 * 86_400_000) });
    expect(await logOnAs(DEMO.bob.email, PASSPHRASE)).toMatchObject({ ok: true, mustChangePassword: false });
  });

  it("a verdict of the fallback (the range API down) is no screening: the next logon asks again", async () => {
    // A password never screened in this process (its range is not cached).
    const fresh = `Fresh#${randomUUID().slice(0, 8)}x1`;
    await plant(DEMO.bob.email, fresh);
    await fetch(`${stub.url}/_stub/fail-next?status=503&times=1`, { method: "POST" });
    expect(await logOnAs(DEMO.bob.email, fresh)).toMatchObject({ ok: true, mustChangePassword: false });
    expect((await accountByAddress(DEMO.bob.email)).passwordScreenedAt).toBeNull();
    expect(await logOnAs(DEMO.bob.email, fresh)).toMatchObject({ ok: true });
    expect((await accountByAddress(DEMO.bob.email)).passwordScreenedAt).not.toBeNull();
  });

  it("the current password typed in fullwidth is still the current password (compared as hashed, NFKC)", async () => {
    await choose("nist");
    await change(DEMO.alice, PASSPHRASE);
    const fullwidth = "ｑｕｉｅｔ ｏｒｃｈａｒｄ ｌａｎｔｅｒｎ";
    const again = await change({ email: DEMO.alice.email, password: PASSPHRASE }, fullwidth);
    expect(again.ok === false && again.error === "invalid" && again.fieldErrors.password?.map(refText)).toEqual([
      "Choose a password different from the current one.",
    ]);
  });

  it("after the change the new password goes on, and the reason is gone", async () => {
    await plant(DEMO.bob.email, BREACHED);
    await logOnAs(DEMO.bob.email, BREACHED);
    expect(await change({ email: DEMO.bob.email, password: BREACHED }, "Orchard#Lantern26")).toMatchObject({ ok: true });
    expect(await accountByAddress(DEMO.bob.email)).toMatchObject({ mustChangePassword: false, mustChangeReason: null });
    expect(await logOnAs(DEMO.bob.email, "Orchard#Lantern26")).toMatchObject({ ok: true, mustChangePassword: false });
  });
});

describe("a cloud operator's console password", () => {
  it("found breached at logon must be changed before anything else; the change clears it", async () => {
    await getDb().cloudAccount.update({
      where: { email: DEMO.ops.email },
      data: { passwordHash: await hashPassword(BREACHED), passwordScreenedAt: null },
    });
    expect(await logOn({ kind: "cloud", login: DEMO.ops.email, password: BREACHED }, meta)).toMatchObject({
      ok: true,
      mustChangePassword: true,
    });
    const op = await getDb().cloudAccount.findUniqueOrThrow({ where: { email: DEMO.ops.email } });
    expect(op).toMatchObject({ mustChangePassword: true, mustChangeReason: "BREACHED" });
    const forced = await auditActions({ action: AuditAction.passwordChangeForced });
    expect(forced.map((e) => [e.actorKind, e.actorLabel, e.detail])).toEqual([
      ["CLOUD_ACCOUNT", DEMO.ops.email, { reason: "breached", profile: "article" }],
    ]);
    const changed = await changeOwnPassword(
      { kind: "cloud", accountId: op.id, currentPassword: BREACHED, password: "Harbor#Console2027", confirmPassword: "Harbor#Console2027" },
      meta,
    );
    expect(changed).toMatchObject({ ok: true });
    expect(await getDb().cloudAccount.findUniqueOrThrow({ where: { email: DEMO.ops.email } })).toMatchObject({
      mustChangePassword: false,
      mustChangeReason: null,
    });
  });
});
