import { describe, expect, it } from "vitest";
import { logOn } from "@/server/auth/log-on";
import { loadMailUser } from "@/server/auth/load-session-account";
import { getDb } from "@/server/db";
import { MINUTE, SECOND } from "@/server/clock";
import { HISTORY_DEPTH } from "@/lib/password-policy";
import { completeRecovery } from "@/server/recovery/complete-recovery";
import { getRecoveryState } from "@/server/recovery/get-recovery-state";
import { accountByAddress, auditActions, meta, passedCaptcha, sessionClaims, sendReturnedNotice } from "../support/fixtures";
import { ALICE, answer, CAROL, CAROL_ANSWERS, enter, flowRow, send, sendCode, startFlow, useRecoveryTestEnv } from "./recovery-helpers";
import { DEMO } from "../support/demo-accounts";

const NEW_PASSWORD = "Quiet#Lagoon2027";
const complete = (flowId: string | undefined, password = NEW_PASSWORD, confirmPassword = password) =>
  completeRecovery({ flowId, password, confirmPassword }, meta);

/** Steps 1 and 2 for alice by SMS; returns the flow id (now at "Set a new password") and the code. */
async function verifiedBySms(): Promise<{ flowId: string; code: string }> {
  const flowId = await startFlow(ALICE);
  const code = await sendCode(flowId);
  expect(await enter(flowId, code)).toEqual({ ok: true });
  return { flowId, code };
}

/** What a refused step must leave alone. */
async function snapshot(flowId: string) {
  const account = await getDb().mailAccount.findUniqueOrThrow({ where: { address: ALICE }, omit: { passwordHash: false } });
  return { account, flow: await flowRow(flowId), history: await getDb().passwordHistory.count(), audit: await getDb().auditEvent.count() };
}

describe("step 3, Set a new password (completeRecovery)", () => {
  const clock = useRecoveryTestEnv();

  it("resets in one transaction: new hash, sessions ended, history, flow DONE, audit, SMS notice", async () => {
    const before = await accountByAddress(ALICE);
    const session = await sessionClaims("mail", before);
    expect(await loadMailUser(session)).not.toBeNull();
    const { flowId, code } = await verifiedBySms();

    const done = await complete(flowId);
    expect(done).toEqual({ ok: true, notices: [expect.objectContaining({ type: "reset", by: "self_service" })] });
    await sendReturnedNotice(done);
    const after = await accountByAddress(ALICE);
    expect(after).toMatchObject({ sessionVersion: before.sessionVersion + 1, mustChangePassword: false });
    expect(await loadMailUser(session)).toBeNull(); // her open sessions end
    expect(await flowRow(flowId)).toMatchObject({ step: "DONE", endedReason: "reset", completedAt: new Date(Date.now()) });
    expect(await getRecoveryState({ flowId })).toEqual({ step: "done" });
    expect(await getDb().passwordHistory.count({ where: { mailAccountId: before.id } })).toBe(2);
    expect((await logOn({ kind: "mail", login: ALICE, password: NEW_PASSWORD }, meta)).ok).toBe(true);
    expect((await logOn({ kind: "mail", login: ALICE, password: DEMO.alice.password }, meta)).ok).toBe(false);

    const [notice] = await getDb().smsMessage.findMany({ where: { purpose: "RESET_NOTICE" } });
    expect(notice).toMatchObject({
      to: DEMO.alice.mobile,
      status: "SENT",
      body: expect.stringContaining("was reset with Forgot Password"),
    });
    const events = await auditActions({ targetId: before.id });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["recovery.started", "sms.sent", "recovery.verified", "password.reset.self_service"]),
    );
    expect((await auditActions({ action: "password.reset.self_service" }))[0]).toMatchObject({
      actorKind: "ANONYMOUS",
      actorLabel: ALICE,
      targetId: before.id,
    });
    const text = JSON.stringify(events);
    expect(text).not.toContain(code);
    expect(text).not.toContain(NEW_PASSWORD);
    expect(text).not.toContain("4155550101");

    expect(await complete(flowId, "Other#Lagoon2027")).toEqual({ ok: false, error: "ended" }); // the grant is used once
  });

  /** Wrong passwords at logon, each different (a repeated one counts once), with the image code they come to need. */
  async function wrongLogons(n: number) {
    for (let i = 1; i <= n; i++) {
      const wrong = { login: ALICE, password: `Wrong#Pass${i}x`, ...(await passedCaptcha()) };
      expect(await logOn({ kind: "mail", ...wrong }, meta)).toMatchObject({ ok: false, error: "invalid" });
    }
  }

  it("clears a logon lock: locked by 10 wrong passwords, she logs on with the new password at once", async () => {
    await wrongLogons(10);
    const lockedUntil = new Date(Date.now() + 15 * MINUTE);
    expect(await accountByAddress(ALICE)).toMatchObject({ lockedUntil, lockCount: 1 });
    const { flowId } = await verifiedBySms(); // the lock is on logon only: recovery still works

    expect(await complete(flowId)).toMatchObject({ ok: true });
    // The lock and its doubling are gone, well inside the lock's 15 minutes.
    expect(await accountByAddress(ALICE)).toMatchObject({ lockedUntil: null, lockCount: 0, failedLogonCount: 0 });
    expect(Date.now()).toBeLessThan(lockedUntil.getTime());
    expect(await logOn({ kind: "mail", login: ALICE, password: NEW_PASSWORD, ...(await passedCaptcha()) }, meta)).toMatchObject({
      ok: true,
    });
  });

  it("clears the failed-logon count: 9 wrong passwords before the reset, 1 after, and she is not locked", async () => {
    await wrongLogons(9);
    expect(await accountByAddress(ALICE)).toMatchObject({ lockedUntil: null, failedLogonCount: 9 });
    const { flowId } = await verifiedBySms();
    expect(await complete(flowId)).toMatchObject({ ok: true });
    expect(await accountByAddress(ALICE)).toMatchObject({ failedLogonCount: 0, lastFailedLogonAt: null });
    await logOn({ kind: "mail", login: ALICE, password: "Another#Wrong1", ...(await passedCaptcha()) }, meta);
    expect(await accountByAddress(ALICE)).toMatchObject({ lockedUntil: null, failedLogonCount: 1 });
  });

  it("enforces the policy and the history (her current password), changing nothing", async () => {
    const { flowId } = await verifiedBySms();
    const before = await snapshot(flowId);
    const reused = await complete(flowId, DEMO.alice.password);
    expect(reused).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { password: [{ key: "Password.errors.reused", values: { depth: HISTORY_DEPTH } }] },
    });
    const weak = await complete(flowId, "Welcome#Alice1", "x");
    expect(weak).toMatchObject({ ok: false, error: "invalid", fieldErrors: { confirmPassword: [{ key: "Password.errors.mismatch" }] } });
    // Nothing changed but one audit event: the refused reuse (password.reuse_refused).
    expect(await snapshot(flowId)).toEqual({ ...before, audit: before.audit + 1 });
    expect(await auditActions({ action: "password.reuse_refused" })).toHaveLength(1);
    expect(await complete(flowId)).toMatchObject({ ok: true });
  });

  it.each([
    ["the account was disabled", () => getDb().mailAccount.update({ where: { address: ALICE }, data: { status: "DISABLED" } })],
    [
      "the secure mobile that passed step 2 was removed",
      () => getDb().mailAccount.update({ where: { address: ALICE }, data: { secureMobile: null, secureMobileVerifiedAt: null } }),
    ],
    [
      "the domain turned SMS recovery off",
      () => getDb().domain.update({ where: { name: "example.com" }, data: { allowSmsRecovery: false } }),
    ],
  ])("refuses the reset when, after step 2, %s: nothing is written, the flow ends", async (_why, change) => {
    const { flowId } = await verifiedBySms();
    await change();
    const hash = (await getDb().mailAccount.findUniqueOrThrow({ where: { address: ALICE }, omit: { passwordHash: false } })).passwordHash;
    expect(await complete(flowId)).toEqual({ ok: false, error: "account_blocked" });
    const after = await getDb().mailAccount.findUniqueOrThrow({ where: { address: ALICE }, omit: { passwordHash: false } });
    expect(after.passwordHash).toBe(hash);
    expect(await auditActions({ action: "password.reset.self_service" })).toHaveLength(0);
    expect(await flowRow(flowId)).toMatchObject({ step: "FAILED", endedReason: "account_blocked" });
    expect(await getRecoveryState({ flowId })).toEqual({ step: "account", notice: "unavailable" });
  });

  it("refuses a step-3 POST without a passed step 2, and one without a flow, changing nothing", async () => {
    const flowId = await startFlow(ALICE);
    await sendCode(flowId);
    const before = await snapshot(flowId);
    expect(await complete(flowId)).toEqual({ ok: false, error: "out_of_order" });
    expect(await complete(undefined)).toEqual({ ok: false, error: "no_flow" });
    expect(await complete("not-a-flow")).toEqual({ ok: false, error: "no_flow" });
    expect(await send(flowId)).toMatchObject({ ok: false, error: "resend_wait" });
    expect(await snapshot(flowId)).toEqual(before);
  });

  it("accepts the grant at 9:59 and refuses it at 10:01, sending the user back to step 1", async () => {
    const a = await verifiedBySms();
    clock.advance(9 * MINUTE + 59 * SECOND);
    expect(await complete(a.flowId)).toMatchObject({ ok: true });

    const b = await startFlow(CAROL);
    expect(await answer(b, CAROL_ANSWERS)).toEqual({ ok: true });
    clock.advance(10 * MINUTE + SECOND);
    expect(await getRecoveryState({ flowId: b })).toEqual({ step: "account", notice: "expired" });
    expect(await complete(b)).toEqual({ ok: false, error: "expired" });
    expect(await flowRow(b)).toMatchObject({ step: "FAILED", endedReason: "grant_expired" });
    expect((await logOn({ kind: "mail", login: CAROL, password: DEMO.carol.password }, meta)).ok).toBe(true);
  });

  it("ends every step 15 minutes after step 1, even with a live grant", async () => {
    const early = await startFlow(ALICE);
    clock.advance(14 * MINUTE + 59 * SECOND);
    const code = await sendCode(early);
    expect(await enter(early, code)).toEqual({ ok: true });
    clock.advance(2 * SECOND); // 15:01: the grant has 10 minutes left, the flow none
    expect(await getRecoveryState({ flowId: early })).toEqual({ step: "account", notice: "expired" });
    expect(await complete(early)).toEqual({ ok: false, error: "expired" });
    expect(await flowRow(early)).toMatchObject({ step: "FAILED", endedReason: "expired" });

    const late = await startFlow(ALICE);
    clock.advance(15 * MINUTE + SECOND);
    expect(await send(late)).toEqual({ ok: false, error: "expired" });
  });

  it("uses the grant once under parallel requests", async () => {
    const { flowId } = await verifiedBySms();
    const results = await Promise.all([complete(flowId, "First#Lagoon2027"), complete(flowId, "Second#Lagoon2027")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await accountByAddress(ALICE)).sessionVersion).toBe(1);
    expect(await getDb().passwordHistory.count({ where: { mailAccount: { address: ALICE } } })).toBe(2);
  });
});
