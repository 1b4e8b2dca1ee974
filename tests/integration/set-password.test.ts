import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuditAction } from "@/server/audit/audit-action";
import { logOn } from "@/server/auth/log-on";
import { getDb } from "@/server/db";
import { changeOwnPassword } from "@/server/passwords/change-own-password";
import { msg } from "@/lib/message-ref";
import { HISTORY_DEPTH } from "@/lib/password-policy";
import { setPassword, type SetPasswordInput } from "@/server/passwords/set-password";
import { accountByAddress, auditActions, freshDemo, meta, useFakeClock } from "../support/fixtures";
import { refText } from "../support/i18n";
import { DEMO } from "../support/demo-accounts";

// The domain core answers with catalog references; these are the ones a form words.
const MISMATCH_MESSAGE = msg("Password.errors.mismatch");
const REUSED_MESSAGE = msg("Password.errors.reused", { depth: HISTORY_DEPTH });
const REUSE_LIMITED_MESSAGE = msg("Password.errors.reuseLimited");
const CURRENT_WRONG = msg("Password.errors.currentWrong");

const ALICE = DEMO.alice.email;

async function reset(accountId: string, password: string, extra: Partial<SetPasswordInput> = {}) {
  return setPassword({
    kind: "mail",
    accountId,
    password,
    confirmPassword: password,
    mustChangePassword: true,
    actor: { kind: "SYSTEM", label: "test" },
    action: AuditAction.passwordResetByPostmaster,
    meta,
    notice: null,
    ...extra,
  });
}

describe("setPassword (the one reset transaction)", () => {
  let clock: ReturnType<typeof useFakeClock>;
  beforeEach(async () => {
    await freshDemo();
    clock = useFakeClock();
  });
  afterEach(() => vi.useRealTimers());

  it("writes hash, flags, version + 1, history, clears the lock, audits — and the new password works", async () => {
    const before = await accountByAddress(ALICE);
    await getDb().mailAccount.update({
      where: { id: before.id },
      data: { lockedUntil: new Date(Date.now() + 60_000), failedLogonCount: 3, lockCount: 2 },
    });
    const r = await reset(before.id, "New#Lantern2026");
    expect(r.ok).toBe(true);
    const after = await accountByAddress(ALICE);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.mustChangePassword).toBe(true);
    expect(after.lockedUntil).toBeNull();
    expect(after.failedLogonCount).toBe(0);
    expect(after.lockCount).toBe(0);
    expect(after.passwordChangedAt.getTime()).toBe(Date.now());
    expect(await getDb().passwordHistory.count({ where: { mailAccountId: before.id } })).toBe(2);
    expect((await auditActions({ targetId: before.id, action: AuditAction.passwordResetByPostmaster })).length).toBe(1);
    expect((await logOn({ kind: "mail", login: ALICE, password: DEMO.alice.password }, meta)).ok).toBe(false);
    expect((await logOn({ kind: "mail", login: ALICE, password: "New#Lantern2026" }, meta)).ok).toBe(true);
  });

  it("returns every policy violation and the mismatch, changing nothing", async () => {
    const a = await accountByAddress(ALICE);
    const r = await reset(a.id, "alice", { confirmPassword: "other" });
    expect(r.ok).toBe(false);
    if (r.ok || r.error !== "invalid") throw new Error("expected invalid");
    expect(r.fieldErrors.password?.length).toBeGreaterThanOrEqual(2);
    expect(r.fieldErrors.confirmPassword).toEqual([MISMATCH_MESSAGE]);
    expect((await accountByAddress(ALICE)).sessionVersion).toBe(a.sessionVersion);
  });

  it("applies the domain's weak keywords and the address", async () => {
    const a = await accountByAddress(ALICE);
    const kw = await reset(a.id, "W3lc0me#Home99");
    const addr = await reset(a.id, "Alice#Harbor2026");
    expect(kw.ok || kw.error !== "invalid" ? [] : kw.fieldErrors.password?.map(refText)).toEqual([expect.stringContaining("welcome")]);
    expect(addr.ok || addr.error !== "invalid" ? [] : addr.fieldErrors.password?.map(refText)).toEqual([
      expect.stringMatching(/email address/),
    ]);
  });

  it("refuses the last 5 passwords and allows the 6th-oldest", async () => {
    const a = await accountByAddress(ALICE);
    const pw = (i: number) => `Hist#Series${i}0x`;
    for (let i = 1; i <= 5; i++) {
      clock.advance(1000);
      expect((await reset(a.id, pw(i))).ok).toBe(true);
    }
    // History now: pw1..pw5 (the seeded Blue#Harbor2026 dropped out as the 6th).
    for (let i = 1; i <= 5; i++) {
      // A different actor each time: reuse answers are limited per actor and account (below).
      const r = await reset(a.id, pw(i), { actor: { kind: "MAIL_ACCOUNT", id: `actor-${i}`, label: "test" } });
      expect(r.ok ? "ok" : r.error === "invalid" ? r.fieldErrors.password : r.error).toEqual([REUSED_MESSAGE]);
    }
    clock.advance(1000);
    expect((await reset(a.id, DEMO.alice.password)).ok).toBe(true);
    expect(await getDb().passwordHistory.count({ where: { mailAccountId: a.id } })).toBe(5);
  });

  it("rolls back whole when any write in the transaction fails", async () => {
    const a = await accountByAddress(ALICE);
    const auditBefore = await getDb().auditEvent.count();
    await expect(
      reset(a.id, "New#Lantern2026", {
        alsoInTransaction: async () => {
          throw new Error("disk full");
        },
      }),
    ).rejects.toThrow("disk full");
    const after = await getDb().mailAccount.findUniqueOrThrow({ where: { id: a.id } });
    expect(after.sessionVersion).toBe(a.sessionVersion);
    expect(after.passwordChangedAt).toEqual(a.passwordChangedAt);
    expect(await getDb().passwordHistory.count({ where: { mailAccountId: a.id } })).toBe(1);
    expect(await getDb().auditEvent.count()).toBe(auditBefore);
    expect((await logOn({ kind: "mail", login: ALICE, password: DEMO.alice.password }, meta)).ok).toBe(true);
  });
});

describe("changeOwnPassword", () => {
  beforeEach(freshDemo);

  it("needs the current password and a different new one", async () => {
    const a = await accountByAddress(ALICE);
    expect(
      await changeOwnPassword(
        {
          kind: "mail",
          accountId: a.id,
          currentPassword: "Wrong#One2026",
          password: "New#Lantern2026",
          confirmPassword: "New#Lantern2026",
        },
        meta,
      ),
    ).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { currentPassword: [CURRENT_WRONG] },
    });
    const same = await changeOwnPassword(
      {
        kind: "mail",
        accountId: a.id,
        currentPassword: DEMO.alice.password,
        password: DEMO.alice.password,
        confirmPassword: DEMO.alice.password,
      },
      meta,
    );
    expect(same).toEqual({ ok: false, error: "invalid", fieldErrors: { password: [msg("Password.errors.sameAsCurrent")] } });
    expect(refText(CURRENT_WRONG)).toBe("The current password is incorrect.");
    const ok = await changeOwnPassword(
      {
        kind: "mail",
        accountId: a.id,
        currentPassword: DEMO.alice.password,
        password: "New#Lantern2026",
        confirmPassword: "New#Lantern2026",
      },
      meta,
    );
    expect(ok).toEqual({ ok: true, sessionVersion: a.sessionVersion + 1 });
    expect((await accountByAddress(ALICE)).mustChangePassword).toBe(false);
    expect((await auditActions({ action: AuditAction.passwordChanged })).length).toBe(1);
  });

  it("works for cloud operators (no domain keywords)", async () => {
    const op = await getDb().cloudAccount.findUniqueOrThrow({ where: { email: DEMO.ops.email } });
    const r = await changeOwnPassword(
      {
        kind: "cloud",
        accountId: op.id,
        currentPassword: DEMO.ops.password,
        password: "Sky#Operator2027",
        confirmPassword: "Sky#Operator2027",
      },
      meta,
    );
    expect(r.ok).toBe(true);
    expect((await logOn({ kind: "cloud", login: DEMO.ops.email, password: "Sky#Operator2027" }, meta)).ok).toBe(true);
  });
});

describe("wrong current passwords inside a session (re-authentication rule)", () => {
  beforeEach(freshDemo);

  it("are audited, count toward the logon captcha, and the 5th in 15 minutes ends the sessions — without locking", async () => {
    const a = await accountByAddress(ALICE);
    const attempt = () =>
      changeOwnPassword(
        {
          kind: "mail",
          accountId: a.id,
          currentPassword: "Wrong#One2026",
          password: "New#Lantern2026",
          confirmPassword: "New#Lantern2026",
        },
        meta,
      );
    for (let i = 1; i <= 4; i++)
      expect(await attempt()).toMatchObject({
        ok: false,
        error: "invalid",
        fieldErrors: { currentPassword: [CURRENT_WRONG] },
      });
    expect(await attempt()).toEqual({ ok: false, error: "signed_out" });
    const after = await accountByAddress(ALICE);
    expect(after.sessionVersion).toBe(a.sessionVersion + 1);
    expect(after.lockedUntil).toBeNull();
    expect(await auditActions({ action: AuditAction.reauthFailed })).toHaveLength(5);
    expect(await logOn({ kind: "mail", login: ALICE, password: DEMO.alice.password }, meta)).toMatchObject({ ok: false, error: "captcha" });
  });

  it("reports the new password's problems together with the wrong current password", async () => {
    const a = await accountByAddress(ALICE);
    const r = await changeOwnPassword(
      { kind: "mail", accountId: a.id, currentPassword: "Wrong#One2026", password: "short", confirmPassword: "other" },
      meta,
    );
    expect(r.ok).toBe(false);
    if (r.ok || r.error !== "invalid") throw new Error("expected invalid");
    expect(Object.keys(r.fieldErrors).sort()).toEqual(["confirmPassword", "currentPassword", "password"]);
  });
});

describe("the password history is no guessing oracle", () => {
  let clock: ReturnType<typeof useFakeClock>;
  beforeEach(async () => {
    await freshDemo();
    clock = useFakeClock();
  });
  afterEach(() => vi.useRealTimers());
  const errorsOf = (r: Awaited<ReturnType<typeof setPassword>>) => (r.ok || r.error !== "invalid" ? null : r.fieldErrors);

  it("a current password, mismatched, gets only the mismatch: the history is not consulted", async () => {
    const a = await accountByAddress(ALICE);
    expect(errorsOf(await reset(a.id, DEMO.alice.password, { confirmPassword: "Blue#Harbor2027" }))).toEqual({
      confirmPassword: [MISMATCH_MESSAGE],
    });
    expect(await auditActions({ action: AuditAction.passwordReuseRefused })).toHaveLength(0);
  });

  it("a wrong current password never reveals whether the new one is an old one", async () => {
    const a = await accountByAddress(ALICE);
    const r = await changeOwnPassword(
      {
        kind: "mail",
        accountId: a.id,
        currentPassword: "Not#MyPassword1",
        password: DEMO.alice.password,
        confirmPassword: DEMO.alice.password,
      },
      meta,
    );
    expect(r).toMatchObject({ ok: false, error: "invalid", fieldErrors: { currentPassword: [CURRENT_WRONG] } });
    expect(r.ok || r.error !== "invalid" ? undefined : r.fieldErrors.password).toBeUndefined();
  });

  it("each 'reused' answer is audited; after 5 an hour per actor and account, no history is compared at all", async () => {
    const a = await accountByAddress(ALICE);
    const pm = { kind: "MAIL_ACCOUNT" as const, id: "pm-probe", label: DEMO.postmaster.email };
    for (let i = 1; i <= 5; i++)
      expect(errorsOf(await reset(a.id, DEMO.alice.password, { actor: pm }))).toEqual({ password: [REUSED_MESSAGE] });
    const events = await auditActions({ action: AuditAction.passwordReuseRefused });
    expect(events).toHaveLength(5);
    expect(events[4]).toMatchObject({ actorId: "pm-probe", targetId: a.id, result: "REFUSED", ip: meta.ip });
    expect(JSON.stringify(events.map((e) => e.detail))).not.toContain("Harbor");
    // The 6th: refused without an answer about the history, even for a password the account never had.
    expect(errorsOf(await reset(a.id, DEMO.alice.password, { actor: pm }))).toEqual({ password: [REUSE_LIMITED_MESSAGE] });
    expect(errorsOf(await reset(a.id, "Never#Used2026x", { actor: pm }))).toEqual({ password: [REUSE_LIMITED_MESSAGE] });
    expect((await accountByAddress(ALICE)).sessionVersion).toBe(a.sessionVersion);
    // Another actor is not held back, and the limit passes with the hour.
    expect((await reset(a.id, "Never#Used2026x", { actor: { kind: "MAIL_ACCOUNT", id: "pm-other", label: "x" } })).ok).toBe(true);
    clock.advance(60 * 60 * 1000 + 1000);
    expect(errorsOf(await reset(a.id, "Never#Used2026x", { actor: pm }))).toEqual({ password: [REUSED_MESSAGE] });
  });
});
