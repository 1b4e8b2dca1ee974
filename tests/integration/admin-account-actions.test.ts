import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { checkPassword } from "@/lib/password-policy";
import { ATTEMPTED, runAccountAction, type AccountActionName } from "@/server/admin/account-actions";
import { BULK_MAX, runBulkAccountAction } from "@/server/admin/bulk-account-action";
import { listEmployeeAccounts, type AccountListQuery } from "@/server/admin/list-employee-accounts";
import { updateAccountDetails } from "@/server/admin/update-account-details";
import { updateRecoverySettings } from "@/server/admin/update-recovery-settings";
import { createMailAccount } from "@/server/accounts/create-mail-account";
import { loadMailUser } from "@/server/auth/load-session-account";
import { logOn } from "@/server/auth/log-on";
import { getDb } from "@/server/db";
import { completeRecovery } from "@/server/recovery/complete-recovery";
import { canSelfServe, findRecoveryAccount, readRecoveryBlocks, recoveryMethods } from "@/server/recovery/internal/recovery-account";
import { accountByAddress, auditActions, freshDemo, meta, sendReturnedNotice, sessionClaims } from "../support/fixtures";
import { ALICE, ALICE_ANSWERS, answer, startFlow } from "./recovery-helpers";
import { postmasterFor } from "../support/postmaster";
import { resolvePostmaster } from "@/server/admin/postmaster";
import { DEMO } from "../support/demo-accounts";

/**
 * Edit Account's actions and the Employee Accounts list's bulk actions
 * (src/server/admin/account-actions.ts, bulk-account-action.ts,
 * update-account-details.ts): each one transaction with its audit event,
 * the postmaster as actor; never on another domain, the postmaster's own
 * account or another postmaster.
 */
let pm: Awaited<ReturnType<typeof accountByAddress>>;
beforeEach(async () => {
  await freshDemo();
  pm = await accountByAddress(DEMO.postmaster.email);
  // Forgot Password flows below pass step 1 with the captcha test word.
  process.env.CAPTCHA_TEST_MODE = "1";
  resetEnvCache();
});
afterEach(() => {
  delete process.env.CAPTCHA_TEST_MODE;
  resetEnvCache();
  vi.restoreAllMocks();
});

const act = async (accountId: string, action: AccountActionName, actorId = pm.id) =>
  runAccountAction({ postmaster: await postmasterFor(actorId), accountId, action }, meta);
const sms = (purpose: "ACCOUNT_NOTICE" | "MOBILE_NOTICE" | "RESET_NOTICE") =>
  getDb().smsMessage.findMany({ where: { purpose }, orderBy: { createdAt: "asc" } });

describe("refusals: every action re-checks the caller and the target", () => {
  it.each(["disable", "enable", "remove_mobile", "clear_questions", "sign_out", "require_change"] as const)(
    "%s: another domain's account answers as missing (audited there), the postmaster's own and another postmaster's are refused, an employee cannot act",
    async (action) => {
      const erin = await accountByAddress(DEMO.erin.email);
      expect(await act(erin.id, action)).toEqual({ ok: false, error: "not_found" });
      expect((await auditActions({ action: "access.refused", targetId: erin.id }))[0]).toMatchObject({
        domainId: erin.domainId,
        detail: expect.objectContaining({ reason: "other_domain" }),
      });
      expect(await act(pm.id, action)).toEqual({ ok: false, error: "own_account" });
      const other = await createMailAccount({
        domainId: pm.domainId,
        localPart: "pm2",
        displayName: "PM Two",
        role: "POSTMASTER",
        password: "Second#Admin2026",
      });
      if (!other.ok) throw new Error("setup");
      expect(await act(other.id, action)).toEqual({ ok: false, error: "postmaster_account" });
      const alice = await accountByAddress(ALICE);
      const bob = await accountByAddress(DEMO.bob.email);
      expect(await resolvePostmaster(alice.id, ATTEMPTED[action], meta)).toEqual({ ok: false, error: "forbidden" });
      expect(await accountByAddress(DEMO.bob.email)).toEqual(bob);
      expect(await accountByAddress(DEMO.erin.email)).toEqual(erin);
    },
  );
});

describe("Disable / Enable", () => {
  it("disabling ends every session at once, refuses logon with the usual message and Forgot Password with 'not available'; enabling restores", async () => {
    const alice = await accountByAddress(ALICE);
    const session = await sessionClaims("mail", alice);
    const flowId = await startFlow(ALICE);
    const r = await act(alice.id, "disable");
    expect(r).toMatchObject({ ok: true, address: ALICE, changed: true });
    expect(await accountByAddress(ALICE)).toMatchObject({ status: "DISABLED", sessionVersion: alice.sessionVersion + 1 });
    expect(await loadMailUser(session)).toBeNull();
    expect(await logOn({ kind: "mail", login: ALICE, password: DEMO.alice.password }, meta)).toMatchObject({ ok: false, error: "invalid" });
    expect(canSelfServe(await findRecoveryAccount({ address: ALICE }), await readRecoveryBlocks(alice.id))).toBe(false);
    expect(await getDb().recoveryFlow.findFirst({ where: { accountId: alice.id } })).toMatchObject({ endedReason: "account_disabled" });
    expect(await answer(flowId, ALICE_ANSWERS)).toMatchObject({ ok: false });
    const [event] = await auditActions({ action: "account.disabled", targetId: alice.id });
    expect(event).toMatchObject({ actorId: pm.id, actorLabel: DEMO.postmaster.email, domainId: pm.domainId, result: "SUCCESS" });
    expect(event.detail).toMatchObject({ sessionsEnded: 1 });

    // The owner hears it on the secure mobile: what happened and whom to ask, no secret.
    await sendReturnedNotice(r);
    const [notice] = await sms("ACCOUNT_NOTICE");
    expect(notice).toMatchObject({ to: DEMO.alice.mobile, status: "SENT" });
    expect(notice.body).toMatch(/alice@example\.com was disabled by your email administrator \(postmaster\) on .*contact your postmaster/);

    expect(await act(alice.id, "disable")).toMatchObject({ ok: true, changed: false, notices: [] });
    expect(await auditActions({ action: "account.disabled" })).toHaveLength(1);
    expect(await act(alice.id, "enable")).toMatchObject({ ok: true, changed: true, notices: [] });
    expect((await accountByAddress(ALICE)).status).toBe("ACTIVE");
    expect(await logOn({ kind: "mail", login: ALICE, password: DEMO.alice.password }, meta)).toMatchObject({ ok: true });
    expect(await auditActions({ action: "account.enabled", targetId: alice.id })).toHaveLength(1);
  });

  it("all or nothing: when the audit event cannot be written, the account stays active and its sessions open", async () => {
    const alice = await accountByAddress(ALICE);
    const session = await sessionClaims("mail", alice);
    const db = getDb();
    await db.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION postkey_test_refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$ LANGUAGE plpgsql`,
    );
    await db.$executeRawUnsafe(
      `CREATE TRIGGER postkey_test_refuse BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION postkey_test_refuse()`,
    );
    try {
      await expect(act(alice.id, "disable")).rejects.toThrow();
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER postkey_test_refuse ON "AuditEvent"`);
      await db.$executeRawUnsafe(`DROP FUNCTION postkey_test_refuse()`);
    }
    expect(await accountByAddress(ALICE)).toMatchObject({ status: "ACTIVE", sessionVersion: alice.sessionVersion });
    expect(await loadMailUser(session)).not.toBeNull();
  });
});

describe("Recovery info", () => {
  it("Remove secure mobile: cleared, audited masked, the old number told; Forgot Password then offers only the questions", async () => {
    const alice = await accountByAddress(ALICE);
    const r = await act(alice.id, "remove_mobile");
    expect(r).toMatchObject({ ok: true, changed: true });
    expect(await accountByAddress(ALICE)).toMatchObject({ secureMobile: null, secureMobileVerifiedAt: null });
    const [event] = await auditActions({ action: "mobile.removed", targetId: alice.id });
    expect(event).toMatchObject({ actorId: pm.id, detail: { phone: "+1 ••• ••• 0101", by: "postmaster" } });
    await sendReturnedNotice(r);
    const [notice] = await sms("MOBILE_NOTICE");
    expect(notice).toMatchObject({ to: DEMO.alice.mobile });
    expect(notice.body).toContain("no longer the secure mobile of alice@example.com");
    const account = await findRecoveryAccount({ address: ALICE });
    expect(recoveryMethods(account!, await readRecoveryBlocks(alice.id))).toEqual({
      sms: null,
      email: null,
      questions: true,
      questionsBlocked: false,
      totp: false,
      recoveryCode: false,
      proofsNeeded: 1,
    });
    expect(await act(alice.id, "remove_mobile")).toMatchObject({ ok: true, changed: false });
  });

  it("Clear security questions: deleted, audited, the bound mobile told; an account with neither method cannot self-serve", async () => {
    const dan = await accountByAddress(DEMO.dan.email);
    expect(await act(dan.id, "clear_questions")).toMatchObject({ ok: true, changed: false }); // he has none
    const alice = await accountByAddress(ALICE);
    const r = await act(alice.id, "clear_questions");
    expect(r).toMatchObject({ ok: true, changed: true });
    expect(await getDb().securityQuestion.count({ where: { accountId: alice.id } })).toBe(0);
    expect((await auditActions({ action: "questions.cleared", targetId: alice.id }))[0].detail).toEqual({ questions: 3 });
    await sendReturnedNotice(r);
    expect((await sms("ACCOUNT_NOTICE"))[0].body).toContain("security questions of alice@example.com were cleared");
    await act(alice.id, "remove_mobile");
    expect(canSelfServe(await findRecoveryAccount({ address: ALICE }), await readRecoveryBlocks(alice.id))).toBe(false);
  });
});

describe("Require password change at next logon; Sign out everywhere", () => {
  it("sets the flag without touching the password; once", async () => {
    const bob = await accountByAddress(DEMO.bob.email);
    expect(await act(bob.id, "require_change")).toMatchObject({ ok: true, changed: true });
    const after = await accountByAddress(DEMO.bob.email);
    expect(after).toMatchObject({ mustChangePassword: true, passwordChangedAt: bob.passwordChangedAt, sessionVersion: bob.sessionVersion });
    expect(await logOn({ kind: "mail", login: DEMO.bob.email, password: DEMO.bob.password }, meta)).toMatchObject({
      ok: true,
      mustChangePassword: true,
    });
    expect(await act(bob.id, "require_change")).toMatchObject({ ok: true, changed: false });
    expect(await auditActions({ action: "password.change_required" })).toHaveLength(1);
  });
});

describe("Account details", () => {
  it("saves the name and the department (any account of the domain, its own too), audited with before and after", async () => {
    const alice = await accountByAddress(ALICE);
    const sales = await getDb().department.findFirstOrThrow({ where: { domainId: pm.domainId, name: "Sales" } });
    const save = async (displayName: string, departmentId: string | null, accountId = alice.id) =>
      updateAccountDetails({ postmaster: await postmasterFor(pm.id), accountId, displayName, departmentId }, meta);
    expect(await save("  Alice W. Wang ", sales.id)).toEqual({ ok: true, address: ALICE, changed: true });
    expect(await accountByAddress(ALICE)).toMatchObject({ displayName: "Alice W. Wang", departmentId: sales.id });
    expect((await auditActions({ action: "account.updated" }))[0].detail).toEqual({
      displayName: { before: "Alice Wang", after: "Alice W. Wang" },
      department: { before: "Engineering", after: "Sales" },
    });
    expect(await save("Alice W. Wang", sales.id)).toEqual({ ok: true, address: ALICE, changed: false });
    expect(await save("Alice W. Wang", null)).toMatchObject({ changed: true });
    expect((await accountByAddress(ALICE)).departmentId).toBeNull();
    expect(await save("Postmaster of example.com", null, pm.id)).toMatchObject({ ok: true, changed: true });
    expect(await auditActions({ action: "account.updated" })).toHaveLength(3);
  });

  it("refuses an empty or too long name, another domain's department, another domain's account", async () => {
    const alice = await accountByAddress(ALICE);
    const save = async (displayName: string, departmentId: string | null = null, accountId = alice.id) =>
      updateAccountDetails({ postmaster: await postmasterFor(pm.id), accountId, displayName, departmentId }, meta);
    expect(await save("   ")).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: { displayName: [{ key: "Fields.errors.displayNameRequired" }] },
    });
    expect(await save("x".repeat(65))).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: { displayName: [{ key: "Fields.errors.displayNameTooLong" }] },
    });
    const foreign = await getDb().department.create({
      data: { id: "dep-foreign", name: "Elsewhere", domainId: (await accountByAddress(DEMO.erin.email)).domainId },
    });
    expect(await save("Alice", foreign.id)).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: { departmentId: [{ key: "Admin.account.errors.departmentGone" }] },
    });
    expect(await save("Erin", null, (await accountByAddress(DEMO.erin.email)).id)).toEqual({ ok: false, error: "not_found" });
    expect(await accountByAddress(ALICE)).toMatchObject({ displayName: "Alice Wang" });
    expect(await auditActions({ action: "account.updated" })).toHaveLength(0);
  });
});

describe("bulk actions", () => {
  it("resets passwords: 16 generated characters that meet the policy, must be changed, shown once; never in the audit log", async () => {
    const ids = await Promise.all([ALICE, DEMO.bob.email, DEMO.carol.email].map(async (a) => (await accountByAddress(a)).id));
    const r = await runBulkAccountAction({ postmaster: await postmasterFor(pm.id), accountIds: ids, action: "reset_password" }, meta);
    if (!r.ok) throw new Error(r.error);
    expect(r.items.map((i) => i.ok && i.address)).toEqual([ALICE, DEMO.bob.email, DEMO.carol.email]);
    for (const item of r.items) {
      if (!item.ok || !item.password) throw new Error("no password");
      expect(item.password).toHaveLength(16);
      expect(item.password).not.toMatch(/^[=+\-@]/); // a spreadsheet would read it as a formula
      expect(checkPassword(item.password, { email: item.address, weakKeywords: ["example", "welcome"] }).ok).toBe(true);
      expect(await logOn({ kind: "mail", login: item.address, password: item.password }, meta)).toMatchObject({
        ok: true,
        mustChangePassword: true,
      });
    }
    const events = await auditActions({ action: "password.reset.postmaster" });
    expect(events).toHaveLength(3);
    expect(events.every((e) => (e.detail as { bulk: boolean }).bulk)).toBe(true);
    const stored = JSON.stringify(await getDb().auditEvent.findMany());
    for (const item of r.items) if (item.ok) expect(stored).not.toContain(item.password);
    expect(r.notices.map((n) => n.type === "reset" && n.account.address)).toEqual([ALICE]); // the one with a bound mobile
  });

  it("does each account on its own: the others go through when some are refused, each refusal with its reason", async () => {
    const alice = await accountByAddress(ALICE);
    const erin = await accountByAddress(DEMO.erin.email);
    const bob = await accountByAddress(DEMO.bob.email);
    const r = await runBulkAccountAction(
      { postmaster: await postmasterFor(pm.id), accountIds: [alice.id, erin.id, pm.id, "no-such-id", bob.id, alice.id], action: "disable" },
      meta,
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.items).toEqual([
      { accountId: alice.id, address: ALICE, ok: true, changed: true },
      { accountId: erin.id, address: null, ok: false, reason: "not_found" },
      { accountId: pm.id, address: null, ok: false, reason: "own_account" },
      { accountId: "no-such-id", address: null, ok: false, reason: "not_found" },
      { accountId: bob.id, address: DEMO.bob.email, ok: true, changed: true },
    ]);
    expect((await accountByAddress(DEMO.erin.email)).status).toBe("ACTIVE");
    expect((await auditActions({ action: "account.disabled" })).map((e) => e.detail)).toEqual([
      expect.objectContaining({ bulk: true }),
      expect.objectContaining({ bulk: true }),
    ]);
  });

  it("at most 500 accounts; none is a clear refusal; an employee cannot run one", async () => {
    const ids = Array.from({ length: BULK_MAX + 1 }, (_, i) => `id-${i}`);
    expect(await runBulkAccountAction({ postmaster: await postmasterFor(pm.id), accountIds: ids, action: "sign_out" }, meta)).toEqual({
      ok: false,
      error: "too_many",
    });
    expect(await runBulkAccountAction({ postmaster: await postmasterFor(pm.id), accountIds: [], action: "sign_out" }, meta)).toEqual({
      ok: false,
      error: "none",
    });
    const alice = await accountByAddress(ALICE);
    expect(await resolvePostmaster(alice.id, "bulk.enable", meta)).toEqual({
      ok: false,
      error: "forbidden",
    });
  });
});

describe("the postmaster hears of self-service resets when the domain asks", () => {
  it("off by default: only the owner's notice; on: an SMS to the postmaster's secure mobile too", async () => {
    const reset = async () => {
      const flowId = await startFlow(ALICE);
      expect((await answer(flowId, ALICE_ANSWERS)).ok).toBe(true);
      const pw = `Quiet#Lagoon${Math.floor(Math.random() * 9000 + 1000)}`;
      const r = await completeRecovery({ flowId, password: pw, confirmPassword: pw }, meta);
      if (!r.ok) throw new Error(r.error);
      return r.notices;
    };
    expect((await reset()).map((n) => n.type)).toEqual(["reset"]);
    await getDb().mailAccount.update({ where: { id: pm.id }, data: { secureMobile: "+14155550190", secureMobileVerifiedAt: new Date() } });
    await updateRecoverySettings(
      {
        postmaster: await postmasterFor(pm.id),
        allowSmsRecovery: true,
        allowQuestionRecovery: true,
        allowEmailRecovery: true,
        notifyPostmasterOfSelfServiceResets: true,
      },
      meta,
    );
    const notices = await reset();
    expect(notices.map((n) => n.type)).toEqual(["reset", "account"]);
    await sendReturnedNotice({ ok: true, notices });
    const [toPm] = (await sms("RESET_NOTICE")).filter((m) => m.to === "+14155550190");
    expect(toPm.body).toMatch(/the password of alice@example\.com was reset with Forgot Password on .*Audit Log/);
    expect(toPm.accountId).toBe(pm.id);
  });
});

describe("Employee Accounts: filters and sort", () => {
  it("filters by status and recovery method; sorts by name and by last logon (never-logged-on last)", async () => {
    const list = (q: AccountListQuery) => listEmployeeAccounts({ domainId: pm.domainId, ...q }).then((p) => p.rows.map((r) => r.address));
    const bob = await accountByAddress(DEMO.bob.email);
    await act(bob.id, "disable");
    await act((await accountByAddress(DEMO.carol.email)).id, "require_change");
    await getDb().mailAccount.update({ where: { address: DEMO.dan.email }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await list({ status: "disabled" })).toEqual([DEMO.bob.email]);
    expect(await list({ status: "must_change" })).toEqual([DEMO.carol.email]);
    expect(await list({ status: "locked" })).toEqual([DEMO.dan.email]);
    expect(await list({ status: "active" })).not.toContain(DEMO.bob.email);
    expect(await list({ recovery: "none" })).toEqual([DEMO.bob.email]);
    expect(await list({ recovery: "mobile" })).toEqual([ALICE, DEMO.dan.email, DEMO.postmaster.email]);
    expect(await list({ recovery: "questions" })).toEqual([ALICE, DEMO.carol.email]);

    await logOn({ kind: "mail", login: DEMO.dan.email, password: DEMO.dan.password }, meta).catch(() => undefined);
    await getDb().mailAccount.update({ where: { address: DEMO.dan.email }, data: { lockedUntil: null } });
    await logOn({ kind: "mail", login: DEMO.dan.email, password: DEMO.dan.password }, meta);
    await new Promise((r) => setTimeout(r, 5));
    await logOn({ kind: "mail", login: ALICE, password: DEMO.alice.password }, meta);
    expect((await accountByAddress(ALICE)).lastLogonAt).toBeInstanceOf(Date);
    expect((await list({ sort: "-last_logon" })).slice(0, 2)).toEqual([ALICE, DEMO.dan.email]);
    expect((await list({ sort: "last_logon" })).slice(0, 2)).toEqual([DEMO.dan.email, ALICE]);
    expect((await list({ sort: "-name" }))[0]).toBe(DEMO.postmaster.email);
  });
});
