import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuditAction } from "@/server/audit/audit-action";
import { logOn } from "@/server/auth/log-on";
import { MINUTE, SECOND } from "@/server/clock";
import { HISTORY_DEPTH } from "@/lib/password-policy";
import { resetPostmasterPassword, type ResetPostmasterInput } from "@/server/console/reset-postmaster-password";
import { getDb } from "@/server/db";
import {
  accountByAddress,
  auditActions,
  freshDemo,
  meta,
  consoleOperator,
  operatorByEmail,
  sessionClaims,
  useFakeClock,
  sendReturnedNotice,
} from "../support/fixtures";
import { enText, refText } from "../support/i18n";
import { DEMO } from "../support/demo-accounts";

const PM = DEMO.postmaster.email;
const OLD = DEMO.postmaster.password;
const NEW = "Harbor#Lights2027";
const CONSOLE = DEMO.ops.password;

// What the domain core says, as catalog references (the action words them in the reader's language).
const CONSOLE_PASSWORD_WRONG = { key: "Console.errors.consolePasswordWrong" };
const CONSOLE_PASSWORD_MISSING = { key: "Console.errors.consolePasswordMissing" };
const CONSOLE_PASSWORD_EXPIRED = { key: "Console.errors.consolePasswordExpired" };
const MISMATCH = { key: "Password.errors.mismatch" };

const ops = consoleOperator;

async function domainId(name: string) {
  return (await getDb().domain.findUniqueOrThrow({ where: { name } })).id;
}

async function reset(over: Partial<ResetPostmasterInput> = {}) {
  return resetPostmasterPassword(
    {
      operator: await ops(),
      domainId: await domainId("example.com"),
      password: NEW,
      confirmPassword: NEW,
      mustChangePassword: false,
      consolePassword: CONSOLE,
      ...over,
    },
    meta,
  );
}

/** What a refused or invalid reset must leave exactly as it was. */
async function snapshot(address = PM) {
  const a = await getDb().mailAccount.findUniqueOrThrow({ where: { address }, omit: { passwordHash: false } });
  const history = await getDb().passwordHistory.count({ where: { mailAccountId: a.id } });
  return { hash: a.passwordHash, version: a.sessionVersion, changedAt: a.passwordChangedAt, must: a.mustChangePassword, history };
}

function fieldErrorsOf(r: Awaited<ReturnType<typeof reset>>) {
  if (r.ok || r.error !== "invalid") throw new Error(`expected invalid, got ${JSON.stringify(r)}`);
  return r.fieldErrors;
}

describe("resetPostmasterPassword (Scenario 3: the console resets the postmaster)", () => {
  let clock: ReturnType<typeof useFakeClock>;
  beforeEach(async () => {
    await freshDemo();
    // These tests start from a postmaster without a secure mobile (the demo's has one): no notice unless bound.
    await getDb().mailAccount.update({ where: { address: PM }, data: { secureMobile: null, secureMobileVerifiedAt: null } });
    clock = useFakeClock();
  });
  afterEach(() => vi.useRealTimers());

  it("resets: new hash, version + 1, history, lock cleared, audit names the operator; old password fails, new one works", async () => {
    const before = await accountByAddress(PM);
    await getDb().mailAccount.update({
      where: { id: before.id },
      data: { lockedUntil: new Date(Date.now() + 10 * MINUTE), failedLogonCount: 4, lockCount: 1 },
    });
    const op = await ops();
    const r = await reset();
    expect(r).toEqual({ ok: true, postmaster: PM, reauthenticated: true, notice: null });

    const after = await accountByAddress(PM);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.passwordChangedAt.getTime()).toBe(Date.now());
    expect(after.mustChangePassword).toBe(false);
    expect([after.lockedUntil, after.failedLogonCount, after.lockCount]).toEqual([null, 0, 0]);
    expect(await getDb().passwordHistory.count({ where: { mailAccountId: before.id } })).toBe(2);

    const events = await auditActions({ targetId: before.id, action: AuditAction.passwordResetByConsole });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorKind: "CLOUD_ACCOUNT",
      actorId: op.id,
      actorLabel: op.email,
      targetLabel: PM,
      domainId: before.domainId,
      result: "SUCCESS",
      ip: meta.ip,
    });
    expect(JSON.stringify(events)).not.toContain(NEW);

    expect((await logOn({ kind: "mail", login: PM, password: OLD }, meta)).ok).toBe(false);
    expect(await logOn({ kind: "mail", login: PM, password: NEW }, meta)).toMatchObject({
      ok: true,
      role: "POSTMASTER",
      mustChangePassword: false,
    });
  });

  it("sets 'Require password change at next logon' only when asked", async () => {
    expect((await reset({ mustChangePassword: true })).ok).toBe(true);
    expect((await accountByAddress(PM)).mustChangePassword).toBe(true);
  });

  it("sends the SMS notice only when the postmaster has a secure mobile bound", async () => {
    const pm = await accountByAddress(PM);
    const notices = () => getDb().smsMessage.findMany({ where: { accountId: pm.id, purpose: "RESET_NOTICE" } });
    const first = await reset();
    expect(first).toMatchObject({ ok: true, notice: null });
    expect(await notices()).toHaveLength(0);

    await getDb().mailAccount.update({ where: { id: pm.id }, data: { secureMobile: "+14155550199", secureMobileVerifiedAt: new Date() } });
    clock.advance(SECOND);
    const second = await reset({ password: "Second#Lights2027", confirmPassword: "Second#Lights2027" });
    expect(second).toMatchObject({ ok: true, notice: { by: "console" } });
    await sendReturnedNotice(second);
    const sent = await notices();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: "+14155550199" });
    expect(sent[0].body).toContain("reset by your service provider");
    expect(sent[0].body).not.toContain("Second#Lights2027");
  });

  it("refuses another operator's domain: audited, nothing changed (ops2 → example.com)", async () => {
    const before = await snapshot();
    const ops2 = await ops(DEMO.ops2.email);
    const r = await reset({ operator: ops2 });
    expect(r).toEqual({ ok: false, error: "not_found" });
    expect(await snapshot()).toEqual(before);
    const refused = await auditActions({ action: AuditAction.accessRefused });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      actorId: ops2.id,
      actorLabel: ops2.email,
      result: "REFUSED",
      targetLabel: "example.com",
      domainId: await domainId("example.com"),
    });
    expect(refused[0].detail).toMatchObject({ surface: "console", attempted: "reset_postmaster_password", reason: "not_owner" });
    expect(await auditActions({ action: AuditAction.passwordResetByConsole })).toHaveLength(0);
  });

  it("refuses an unknown domain id the same way", async () => {
    expect(await reset({ domainId: "00000000-0000-0000-0000-000000000000" })).toEqual({ ok: false, error: "not_found" });
    const [event] = await auditActions({ action: AuditAction.accessRefused });
    expect(event).toMatchObject({ result: "REFUSED", domainId: null });
    expect(event.detail).toMatchObject({ reason: "unknown_domain" });
  });

  it("a wrong console password changes nothing, is audited, and shows with the new password's own problems", async () => {
    const before = await snapshot();
    const op = await ops();
    const r = await reset({ consolePassword: "Wrong#Console2026", password: "example#Pass2027", confirmPassword: "other" });
    const errors = fieldErrorsOf(r);
    expect(errors.consolePassword).toEqual([CONSOLE_PASSWORD_WRONG]);
    expect(errors.password?.map(refText)).toEqual([expect.stringContaining('"example"')]);
    expect(errors.confirmPassword).toEqual([MISMATCH]);
    expect(await snapshot()).toEqual(before);
    const [event] = await auditActions({ action: AuditAction.reauthFailed });
    expect(event).toMatchObject({ actorId: op.id, result: "FAILURE" });
    expect(JSON.stringify(event)).not.toContain("Wrong#Console2026");
  });

  it("5 wrong console passwords end every console session of the operator (sessionVersion + 1) without locking its logon", async () => {
    const op = await operatorByEmail(DEMO.ops.email);
    const before = await snapshot();
    for (let i = 1; i <= 4; i++)
      expect(fieldErrorsOf(await reset({ consolePassword: `Wrong#Console${i}x` })).consolePassword).toEqual([CONSOLE_PASSWORD_WRONG]);
    expect(await reset({ consolePassword: "Wrong#Console5x" })).toEqual({ ok: false, error: "reauth_blocked" });
    const after = await operatorByEmail(DEMO.ops.email);
    expect(after.sessionVersion).toBe(op.sessionVersion + 1);
    expect([after.lockedUntil, after.failedLogonCount]).toEqual([null, 0]);
    const events = await auditActions({ action: AuditAction.reauthFailed });
    expect(events.map((e) => (e.detail as { signedOut: boolean }).signedOut)).toEqual([false, false, false, false, true]);
    // Like 5 failed logons: the next logon asks for the image code.
    expect(await logOn({ kind: "cloud", login: op.email, password: CONSOLE }, meta)).toEqual({
      ok: false,
      error: "captcha",
      captchaRequired: true,
    });
    expect(await snapshot()).toEqual(before);
  });

  it("a correct console password clears earlier wrong ones", async () => {
    for (let i = 1; i <= 4; i++) await reset({ consolePassword: `Wrong#Console${i}x` });
    expect((await reset()).ok).toBe(true);
    for (let i = 1; i <= 4; i++)
      fieldErrorsOf(
        await reset({ consolePassword: `Wrong#Again${i}x`, password: "Third#Lights2027", confirmPassword: "Third#Lights2027" }),
      );
    expect((await operatorByEmail(DEMO.ops.email)).sessionVersion).toBe(0);
  });

  it("without a console password: needs a confirmation at most 5 minutes old (4:59 ok, 5:01 refused)", async () => {
    const missing = fieldErrorsOf(await reset({ consolePassword: "" }));
    expect(missing.consolePassword).toEqual([CONSOLE_PASSWORD_MISSING]);

    const confirmedAt = Date.now();
    clock.advance(4 * MINUTE + 59 * SECOND);
    expect(await reset({ consolePassword: "", operator: await ops(undefined, confirmedAt) })).toEqual({
      ok: true,
      postmaster: PM,
      reauthenticated: false,
      notice: null,
    });

    const before = await snapshot();
    clock.set(new Date(confirmedAt + 5 * MINUTE + 1 * SECOND));
    const stale = await reset({
      consolePassword: "",
      operator: await ops(undefined, confirmedAt),
      password: "Fourth#Lights2027",
      confirmPassword: "Fourth#Lights2027",
    });
    expect(fieldErrorsOf(stale).consolePassword).toEqual([CONSOLE_PASSWORD_EXPIRED]);
    expect(await snapshot()).toEqual(before);
  });

  it("a given console password is checked even inside the 5 minutes", async () => {
    const r = await reset({ consolePassword: "Wrong#Console2026", operator: await ops(undefined, Date.now()) });
    expect(fieldErrorsOf(r).consolePassword).toEqual([CONSOLE_PASSWORD_WRONG]);
  });

  it("applies the policy: the domain's weak keywords, the postmaster's address, history — nothing changed", async () => {
    const before = await snapshot();
    const cases: Array<[string, RegExp]> = [
      ["W3lc0me#Home99", /weak-password keyword.*\("welcome"\)/],
      ["Postmaster#2027x", /email address/],
      [OLD, new RegExp(enText("Password.errors.reused", { depth: HISTORY_DEPTH }).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))],
      ["short", /8 to 64/],
    ];
    for (const [pw, message] of cases) {
      const errors = fieldErrorsOf(await reset({ password: pw, confirmPassword: pw }));
      expect(errors.password?.map(refText).join(" "), pw).toMatch(message);
      expect(errors.consolePassword).toBeUndefined();
    }
    expect(fieldErrorsOf(await reset({ confirmPassword: "Different#2027x" })).confirmPassword).toEqual([MISMATCH]);
    expect(await snapshot()).toEqual(before);
    expect(await auditActions({ action: AuditAction.passwordResetByConsole })).toHaveLength(0);
  });

  it("without the right console password, the postmaster's old passwords are not checked (no guessing)", async () => {
    const wrong = fieldErrorsOf(await reset({ consolePassword: "Wrong#Console2026", password: OLD, confirmPassword: OLD }));
    expect(wrong).toEqual({ consolePassword: [CONSOLE_PASSWORD_WRONG] });
    const mismatched = fieldErrorsOf(await reset({ password: OLD, confirmPassword: `${OLD}x` }));
    expect(mismatched.password).toBeUndefined();
    expect(await auditActions({ action: AuditAction.passwordReuseRefused })).toHaveLength(0);
  });

  it("ends the postmaster's open sessions: a session sealed with the old version no longer matches", async () => {
    const { loadMailUser } = await import("@/server/auth/load-session-account");
    const claims = await sessionClaims("mail", await accountByAddress(PM));
    expect(await loadMailUser(claims)).toMatchObject({ address: PM });
    expect((await reset()).ok).toBe(true);
    expect(await loadMailUser(claims)).toBeNull();
  });
});
