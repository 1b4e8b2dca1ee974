import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { removeSecureMobile } from "@/server/account-security/remove-secure-mobile";
import { getDb } from "@/server/db";
import { completeRecovery } from "@/server/recovery/complete-recovery";
import { getRecoveryState } from "@/server/recovery/get-recovery-state";
import { sendRecoveryCode } from "@/server/recovery/send-recovery-code";
import { verifyAppCode } from "@/server/recovery/verify-app-code";
import { confirmTotpSetup, getTwoStepSettings, startTotpSetup } from "@/server/two-step/manage-two-step";
import { accountByAddress, auditActions, meta } from "../support/fixtures";
import { ALICE, answer, enter, flowRow, sendCode, start, startFlow, useRecoveryTestEnv, wrongCode } from "./recovery-helpers";
import { DEMO } from "../support/demo-accounts";

/**
 * SECURITY.md "Second step and recovery strength": recovery as strong as the logon. An account that uses two-step
 * logon (postmasters, employees under the domain's policy, anyone with an
 * authenticator app) passes two different proofs in Forgot Password; its
 * security questions never count. Holding only a postmaster's phone (a SIM
 * swap) no longer resets the domain's administrator. Accounts without
 * two-step logon keep the article's one proof (recovery-*.test.ts).
 */
const PM = { address: DEMO.postmaster.email, password: DEMO.postmaster.password, mobile: DEMO.postmaster.mobile };
const ALICE_PASSWORD = DEMO.alice.password;
const PM_BACKUP = "pm.home@mail.example.net";
const NEW_PASSWORD = "Lantern-Harbor-77";

async function bindBackup(address: string, email: string) {
  await getDb().mailAccount.update({ where: { address }, data: { backupEmail: email, backupEmailVerifiedAt: new Date() } });
}

/** The code of the newest recovery email to `to` (the console provider keeps the message in tests). */
async function mailedCode(to: string): Promise<string> {
  const m = await getDb().emailMessage.findFirst({ where: { to, purpose: "RECOVERY_CODE" }, orderBy: { createdAt: "desc" } });
  const code = m?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code was mailed to ${to}`);
  return code;
}

async function setUpApp(address: string, password: string) {
  const account = await accountByAddress(address);
  const owner = { kind: "mail" as const, id: account.id };
  expect(await startTotpSetup({ owner, password }, meta)).toEqual({ ok: true });
  const settings = await getTwoStepSettings({ owner });
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(settings!.pending!.base32) });
  const confirmed = await confirmTotpSetup({ owner, code: totp.generate() }, meta);
  if (!confirmed.ok) throw new Error("setup refused");
  return { totp, recoveryCodes: confirmed.recoveryCodes };
}

const reset = (flowId: string) => completeRecovery({ flowId, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, meta);

describe("two proofs for an account that uses two-step logon", () => {
  const clock = useRecoveryTestEnv();

  it("a postmaster's phone alone (a SIM swap) resets nothing: the same answer as an unknown address", async () => {
    expect(await start(PM.address)).toEqual({ ok: false, error: "unavailable" });
    expect(await start("nobody@example.com")).toEqual({ ok: false, error: "unavailable" });
    const [started] = (await auditActions({ action: "recovery.started" })).filter((e) => e.actorLabel === PM.address);
    expect(started).toMatchObject({ result: "REFUSED", detail: { reason: "one_method_of_two" } });
    // Security questions never count for a postmaster.
    await getDb().securityQuestion.createMany({
      data: [1, 2, 3].map((position) => ({
        id: `pmq${position}`,
        accountId: started.targetId as string,
        position,
        question: `Q${position}`,
        answerHash: "x",
      })),
    });
    expect(await start(PM.address)).toEqual({ ok: false, error: "unavailable" });
  });

  it("SMS, then the backup email (never the same phone twice), then the new password", async () => {
    await bindBackup(PM.address, PM_BACKUP);
    const flowId = await startFlow(PM.address);
    expect(await getRecoveryState({ flowId })).toMatchObject({
      step: "verify",
      proofs: { needed: 2, first: null },
      methods: { sms: { masked: "+1 ••• ••• 0100" }, email: { masked: expect.stringContaining("•••") }, questions: null },
    });
    expect(await reset(flowId)).toEqual({ ok: false, error: "out_of_order" });

    expect(await enter(flowId, await sendCode(flowId, meta, PM.mobile))).toEqual({ ok: true });
    expect(await flowRow(flowId)).toMatchObject({ step: "VERIFY", firstMethod: "SMS", grantExpiresAt: null });
    // One proof is not a grant.
    expect(await reset(flowId)).toEqual({ ok: false, error: "out_of_order" });
    expect(await getRecoveryState({ flowId })).toMatchObject({
      step: "verify",
      proofs: { needed: 2, first: "SMS" },
      methods: { sms: null },
    });
    clock.advance(61_000);
    expect(await sendRecoveryCode({ flowId, method: "SMS" }, meta)).toEqual({ ok: false, error: "method_unavailable" });

    expect((await sendRecoveryCode({ flowId, method: "EMAIL" }, meta)).ok).toBe(true);
    expect(await enter(flowId, await mailedCode(PM_BACKUP))).toEqual({ ok: true });
    expect(await flowRow(flowId)).toMatchObject({ step: "RESET", firstMethod: "SMS", method: "EMAIL" });
    expect(await reset(flowId)).toMatchObject({ ok: true });
  });

  it("the reset is refused when the first proof's method was removed after it passed", async () => {
    await bindBackup(PM.address, PM_BACKUP);
    const { recoveryCodes } = await setUpApp(PM.address, PM.password);
    const flowId = await startFlow(PM.address);
    expect(await enter(flowId, await sendCode(flowId, meta, PM.mobile))).toEqual({ ok: true });
    expect(await verifyAppCode({ flowId, method: "RECOVERY_CODE", code: recoveryCodes[0] }, meta)).toEqual({ ok: true });
    const pm = await accountByAddress(PM.address);
    // The app stays, so the mobile may go; the proof it gave goes with it.
    expect(await removeSecureMobile({ accountId: pm.id, currentPassword: PM.password, meta })).toEqual({ ok: true });
    expect(await reset(flowId)).toEqual({ ok: false, error: "account_blocked" });
    const after = await accountByAddress(PM.address);
    expect(after.passwordChangedAt).toEqual(pm.passwordChangedAt);
    expect(after.sessionVersion).toBe(pm.sessionVersion);
  });

  it("an employee with an authenticator app: the app's code and a recovery code are two proofs; questions are not offered", async () => {
    const { totp, recoveryCodes } = await setUpApp(ALICE, ALICE_PASSWORD);
    const flowId = await startFlow(ALICE);
    expect(await getRecoveryState({ flowId })).toMatchObject({
      proofs: { needed: 2, first: null },
      methods: { totp: true, recoveryCode: true, questions: null },
      questions: [],
    });
    expect(await answer(flowId, [...DEMO.alice.answers])).toEqual({ ok: false, error: "method_unavailable" });
    clock.advance(30_000);
    expect(await verifyAppCode({ flowId, method: "TOTP", code: totp.generate() }, meta)).toEqual({ ok: true });
    // The same method again does not count twice.
    clock.advance(30_000);
    expect(await verifyAppCode({ flowId, method: "TOTP", code: totp.generate() }, meta)).toEqual({
      ok: false,
      error: "method_unavailable",
    });
    expect(await verifyAppCode({ flowId, method: "RECOVERY_CODE", code: recoveryCodes[1].toUpperCase() }, meta)).toEqual({
      ok: true,
    });
    expect(await flowRow(flowId)).toMatchObject({ step: "RESET", firstMethod: "TOTP", method: "RECOVERY_CODE" });
    expect(await getDb().twoStepRecoveryCode.count({ where: { usedAt: { not: null } } })).toBe(1);
    expect(await reset(flowId)).toMatchObject({ ok: true });
  });

  it("two proofs passed at once by different methods both count, once each", async () => {
    const { totp, recoveryCodes } = await setUpApp(ALICE, ALICE_PASSWORD);
    const flowId = await startFlow(ALICE);
    clock.advance(30_000);
    const results = await Promise.all([
      verifyAppCode({ flowId, method: "TOTP", code: totp.generate() }, meta),
      verifyAppCode({ flowId, method: "RECOVERY_CODE", code: recoveryCodes[0] }, meta),
    ]);
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(await flowRow(flowId)).toMatchObject({ step: "RESET" });
  });

  it("wrong app codes: 5 tries a flow, counted before they are judged, also in parallel; the flow then ends", async () => {
    await setUpApp(ALICE, ALICE_PASSWORD);
    const flowId = await startFlow(ALICE);
    const results = await Promise.all(Array.from({ length: 8 }, () => verifyAppCode({ flowId, method: "TOTP", code: "000000" }, meta)));
    expect(results.filter((r) => !r.ok && r.error === "wrong_code")).toHaveLength(4);
    expect(results.filter((r) => !r.ok && r.error === "too_many")).toHaveLength(4);
    expect((await auditActions({ action: "recovery.code_failed" })).length).toBe(5);
    expect(await flowRow(flowId)).toMatchObject({ step: "FAILED", endedReason: "too_many_codes" });
    expect(await getRecoveryState({ flowId })).toEqual({ step: "account", notice: "too_many_codes" });
  });

  it("a wrong SMS code on the second proof counts like any other", async () => {
    await bindBackup(PM.address, PM_BACKUP);
    const flowId = await startFlow(PM.address);
    expect((await sendRecoveryCode({ flowId, method: "EMAIL" }, meta)).ok).toBe(true);
    expect(await enter(flowId, await mailedCode(PM_BACKUP))).toEqual({ ok: true });
    const code = await sendCode(flowId, meta, PM.mobile);
    expect(await enter(flowId, wrongCode(code))).toMatchObject({ ok: false, error: "wrong_code" });
    expect(await enter(flowId, code)).toEqual({ ok: true });
    expect(await flowRow(flowId)).toMatchObject({ step: "RESET", firstMethod: "EMAIL", method: "SMS" });
  });
});
