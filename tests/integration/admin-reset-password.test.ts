import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { looseMsg as msg } from "@/lib/message-ref";
import { HISTORY_DEPTH, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/password-policy";
import { resetEmployeePassword, type ResetEmployeePasswordInput } from "@/server/admin/reset-employee-password";
import { unlockAccount } from "@/server/admin/unlock-account";
import { updateWeakKeywords } from "@/server/admin/update-weak-keywords";
import { AuditAction } from "@/server/audit/audit-action";
import { logOn } from "@/server/auth/log-on";
import { getDb } from "@/server/db";
import { accountByAddress, auditActions, freshDemo, meta, useFakeClock, sendReturnedNotice } from "../support/fixtures";
import { refText } from "../support/i18n";
import { postmasterFor } from "../support/postmaster";
import { resolvePostmaster } from "@/server/admin/postmaster";
import { DEMO } from "../support/demo-accounts";

/** A policy refusal as the domain core gives it: its catalog key and values. */
const violation = (code: string, keyword?: string) =>
  msg(`Password.violations.${code}`, {
    min: PASSWORD_MIN,
    max: PASSWORD_MAX,
    ...(code === "classes" ? { count: 3 } : {}),
    ...(keyword ? { keyword } : {}),
  });
const MISMATCH = msg("Password.errors.mismatch");
const REUSED = msg("Password.errors.reused", { depth: HISTORY_DEPTH });

const NEW = "New#Lantern2026";

describe("resetEmployeePassword (Scenario 1: Reset Password > Save)", () => {
  let pm: Awaited<ReturnType<typeof accountByAddress>>;
  let alice: Awaited<ReturnType<typeof accountByAddress>>;
  const reset = async (accountId: string, password = NEW, extra: Partial<ResetEmployeePasswordInput> = {}) =>
    resetEmployeePassword(
      { postmaster: await postmasterFor(pm.id), accountId, password, confirmPassword: password, mustChangePassword: true, ...extra },
      meta,
    );
  const passwordErrors = (r: Awaited<ReturnType<typeof reset>>) => (!r.ok && r.error === "invalid" ? r.fieldErrors.password : r);

  beforeEach(async () => {
    await freshDemo();
    useFakeClock();
    pm = await accountByAddress(DEMO.postmaster.email);
    alice = await accountByAddress(DEMO.alice.email);
  });
  afterEach(() => vi.useRealTimers());

  it("sets the password in one transaction: version + 1, must-change, history, lock cleared, audited with postmaster and IP, SMS notice", async () => {
    await getDb().mailAccount.update({
      where: { id: alice.id },
      data: { lockedUntil: new Date(Date.now() + 60_000), failedLogonCount: 10, lockCount: 1 },
    });
    const r = await reset(alice.id);
    expect(r).toEqual({
      ok: true,
      address: DEMO.alice.email,
      changedAt: new Date(Date.now()),
      notice: expect.objectContaining({ by: "postmaster" }),
    });
    expect(await getDb().smsMessage.count()).toBe(0); // the notice is returned, to be sent after the response
    await sendReturnedNotice(r);
    const after = await accountByAddress(DEMO.alice.email);
    expect(after).toMatchObject({
      sessionVersion: alice.sessionVersion + 1,
      mustChangePassword: true,
      lockedUntil: null,
      failedLogonCount: 0,
      lockCount: 0,
      status: "ACTIVE",
    });
    expect(await getDb().passwordHistory.count({ where: { mailAccountId: alice.id } })).toBe(2);
    const [event] = await auditActions({ targetId: alice.id, action: AuditAction.passwordResetByPostmaster });
    expect(event).toMatchObject({
      actorKind: "MAIL_ACCOUNT",
      actorId: pm.id,
      actorLabel: DEMO.postmaster.email,
      targetLabel: DEMO.alice.email,
      ip: meta.ip,
      userAgent: meta.userAgent,
      result: "SUCCESS",
      domainId: pm.domainId,
    });
    const sms = await getDb().smsMessage.findMany({ where: { accountId: alice.id } });
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ to: DEMO.alice.mobile, purpose: "RESET_NOTICE", provider: "console" });
    expect(sms[0].body).toMatch(
      /^The password of alice@example\.com was reset by your administrator on .+ UTC\. If you did not ask for this, contact your administrator\. Not you\? Secure your account: https?:\/\/\S+\/not-me\/[\w-]{22}$/,
    );
    expect(sms[0].body).not.toContain(NEW);
    expect((await logOn({ kind: "mail", login: DEMO.alice.email, password: DEMO.alice.password }, meta)).ok).toBe(false);
    expect(await logOn({ kind: "mail", login: DEMO.alice.email, password: NEW }, meta)).toMatchObject({
      ok: true,
      mustChangePassword: true,
    });
  });

  it("leaves must-change off when the postmaster unticks it, and sends no SMS to an account without a secure mobile", async () => {
    const bob = await accountByAddress(DEMO.bob.email);
    expect((await reset(bob.id, NEW, { mustChangePassword: false })).ok).toBe(true);
    expect((await accountByAddress(DEMO.bob.email)).mustChangePassword).toBe(false);
    expect(await getDb().smsMessage.count({ where: { accountId: bob.id } })).toBe(0);
  });

  it.each([
    ["too short", "Ab#1xyz", [violation("length")]],
    ["too long", `Aa#1${"x".repeat(61)}`, [violation("length")]],
    ["a space", "Pass word#2026", [violation("charset")]],
    ["two character classes", "lowercase12345", [violation("classes")]],
    ["the address's local part", "Alice#Harbor2026", [violation("contains_address")]],
    ["the full address", "Aa1#alice@example.com", [violation("contains_address"), violation("weak_keyword", "example")]],
    ["a seeded weak keyword, disguised", "W3lc0me#Home99", [violation("weak_keyword", "welcome")]],
    ["a common password", "Password123", [violation("common")]],
  ])("refuses %s with its message and changes nothing", async (_name, password, messages) => {
    expect(passwordErrors(await reset(alice.id, password))).toEqual(messages);
    const after = await accountByAddress(DEMO.alice.email);
    expect(after.sessionVersion).toBe(alice.sessionVersion);
    expect(after.passwordChangedAt).toEqual(alice.passwordChangedAt);
    expect(await auditActions({ action: AuditAction.passwordResetByPostmaster })).toHaveLength(0);
  });

  it("applies a weak keyword the postmaster has just added", async () => {
    expect((await updateWeakKeywords({ postmaster: await postmasterFor(pm.id), op: "add", keyword: "Harbor" }, meta)).ok).toBe(true);
    expect(passwordErrors(await reset(alice.id, "Harb0r#Light77"))).toEqual([violation("weak_keyword", "harbor")]);
  });

  it("reports a mismatch next to Confirm Password", async () => {
    const r = await reset(alice.id, NEW, { confirmPassword: "New#Lantern2027" });
    expect(r).toEqual({ ok: false, error: "invalid", fieldErrors: { confirmPassword: [MISMATCH] } });
    expect(refText(MISMATCH)).toBe("The passwords do not match.");
  });

  it("refuses a password from the account's history", async () => {
    expect(passwordErrors(await reset(alice.id, DEMO.alice.password))).toEqual([REUSED]);
    expect(refText(REUSED)).toBe(`Must not be one of your last ${HISTORY_DEPTH} passwords.`);
  });

  it("resets a disabled account and keeps it disabled", async () => {
    await getDb().mailAccount.update({ where: { id: alice.id }, data: { status: "DISABLED" } });
    expect((await reset(alice.id)).ok).toBe(true);
    expect((await accountByAddress(DEMO.alice.email)).status).toBe("DISABLED");
  });

  it("refuses another domain's postmaster as if the account did not exist, audits it, changes nothing", async () => {
    const orgPm = await accountByAddress(DEMO.orgPostmaster.email);
    const r = await resetEmployeePassword(
      { postmaster: await postmasterFor(orgPm.id), accountId: alice.id, password: NEW, confirmPassword: NEW, mustChangePassword: true },
      meta,
    );
    expect(r).toEqual({ ok: false, error: "not_found" });
    expect((await accountByAddress(DEMO.alice.email)).sessionVersion).toBe(alice.sessionVersion);
    const [refusal] = await auditActions({ action: AuditAction.accessRefused });
    expect(refusal).toMatchObject({
      actorId: orgPm.id,
      targetId: alice.id,
      domainId: alice.domainId,
      result: "REFUSED",
      detail: { attempted: "password.reset", reason: "other_domain" },
    });
    // An unknown id answers the same.
    expect(await reset("00000000-0000-0000-0000-000000000000")).toEqual({ ok: false, error: "not_found" });
  });

  it("refuses the postmaster's own account", async () => {
    expect(await reset(pm.id)).toEqual({ ok: false, error: "own_account" });
    expect((await accountByAddress(DEMO.postmaster.email)).sessionVersion).toBe(pm.sessionVersion);
    expect(await auditActions({ action: AuditAction.accessRefused })).toEqual([
      expect.objectContaining({ actorId: pm.id, result: "REFUSED", detail: { attempted: "password.reset", reason: "own_account" } }),
    ]);
  });

  it("refuses an employee (or a gone account) as the actor", async () => {
    const bob = await accountByAddress(DEMO.bob.email);
    // No principal for them: Reset Password cannot be called at all.
    const asAlice = await resolvePostmaster(alice.id, "password.reset", meta);
    expect(asAlice).toEqual({ ok: false, error: "forbidden" });
    const asNobody = await resolvePostmaster("no-such-account", "password.reset", meta);
    expect(asNobody).toEqual({ ok: false, error: "forbidden" });
    expect((await accountByAddress(DEMO.bob.email)).sessionVersion).toBe(bob.sessionVersion);
    const refusals = await auditActions({ action: AuditAction.accessRefused });
    expect(refusals.map((e) => [e.actorKind, e.actorId, e.result, (e.detail as { reason: string }).reason])).toEqual([
      ["MAIL_ACCOUNT", alice.id, "REFUSED", "not_postmaster"],
      ["ANONYMOUS", null, "REFUSED", "no_session"],
    ]);
  });
});

describe("unlockAccount", () => {
  beforeEach(freshDemo);

  it("clears the lock and the failure counters, audited; another domain's postmaster cannot", async () => {
    const pm = await accountByAddress(DEMO.postmaster.email);
    const orgPm = await accountByAddress(DEMO.orgPostmaster.email);
    const dan = await accountByAddress(DEMO.dan.email);
    await getDb().mailAccount.update({
      where: { id: dan.id },
      data: { lockedUntil: new Date(Date.now() + 3_600_000), failedLogonCount: 10, lockCount: 2 },
    });
    expect(await unlockAccount({ postmaster: await postmasterFor(orgPm.id), accountId: dan.id }, meta)).toEqual({
      ok: false,
      error: "not_found",
    });
    expect((await accountByAddress(DEMO.dan.email)).lockedUntil).not.toBeNull();
    expect(await unlockAccount({ postmaster: await postmasterFor(pm.id), accountId: dan.id }, meta)).toEqual({
      ok: true,
      address: DEMO.dan.email,
    });
    expect(await accountByAddress(DEMO.dan.email)).toMatchObject({ lockedUntil: null, failedLogonCount: 0, lockCount: 0 });
    expect(await auditActions({ action: AuditAction.accountUnlocked })).toEqual([
      expect.objectContaining({ actorId: pm.id, targetId: dan.id }),
    ]);
    expect((await logOn({ kind: "mail", login: DEMO.dan.email, password: DEMO.dan.password }, meta)).ok).toBe(true);
  });
});
