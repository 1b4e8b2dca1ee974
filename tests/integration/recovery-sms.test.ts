import { describe, expect, it } from "vitest";
import { codeFailureState, sendFailureState } from "@/app/(mail)/forgot-password/form-states";
import { logOn } from "@/server/auth/log-on";
import { completeRecovery } from "@/server/recovery/complete-recovery";
import { getDb } from "@/server/db";
import { DAY, HOUR, MINUTE, SECOND } from "@/server/clock";
import { accountByAddress, auditActions, meta, sendReturnedNotice } from "../support/fixtures";
import { enText, tEn } from "../support/i18n";
import { codeDigest } from "../support/short-secret-digest";
import { ALICE, enter, failures, flowRow, lastCode, send, sendCode, startFlow, useRecoveryTestEnv, wrongCode } from "./recovery-helpers";
import { DEMO } from "../support/demo-accounts";

const ALICE_MOBILE = DEMO.alice.mobile;

describe("SMS verification code", () => {
  const clock = useRecoveryTestEnv();

  it("sends 6 digits to the secure mobile, stored only as an HMAC bound to the flow", async () => {
    const flowId = await startFlow(ALICE);
    expect(await send(flowId)).toEqual({ ok: true, masked: "+1 ••• ••• 0101" });
    const code = await lastCode();
    const [sms] = await getDb().smsMessage.findMany({ where: { purpose: "RECOVERY_CODE" } });
    expect(sms).toMatchObject({
      to: ALICE_MOBILE,
      status: "SENT",
      body: `Your Postkey verification code is ${code}. It expires in 5 minutes. Never share it.`,
    });
    const flow = await flowRow(flowId);
    expect(flow).toMatchObject({ method: "SMS", codeAttempts: 0, sendCount: 1, codeHash: codeDigest(flow.code!, code) });
    expect(flow.codeExpiresAt!.getTime() - Date.now()).toBe(5 * MINUTE);
    expect(JSON.stringify(await auditActions())).not.toContain(code);
  });

  it("writes the code SMS and the reset notice in the account's language, not the language of the request", async () => {
    await getDb().mailAccount.update({ where: { address: ALICE }, data: { locale: "zh-CN" } });
    const flowId = await startFlow(ALICE);
    expect((await send(flowId, { ...meta, locale: "en" })).ok).toBe(true);
    const code = await lastCode();
    const [sms] = await getDb().smsMessage.findMany({ where: { purpose: "RECOVERY_CODE" } });
    expect(sms.body).toBe(`【Postkey】您的验证码是 ${code}，5 分钟内有效。请勿告诉他人。`);
    expect(await enter(flowId, code)).toEqual({ ok: true });
    await sendReturnedNotice(await completeRecovery({ flowId, password: "Quiet#Lagoon2027", confirmPassword: "Quiet#Lagoon2027" }, meta));
    const [notice] = await getDb().smsMessage.findMany({ where: { purpose: "RESET_NOTICE" } });
    expect(notice).toMatchObject({ to: ALICE_MOBILE, status: "SENT" });
    expect(notice.body).toMatch(
      /^【Postkey】邮箱帐号 alice@example\.com 的密码已于 \d{4}-\d\d-\d\d \d\d:\d\d UTC 通过“忘记密码”重置。如非本人操作，请联系管理员。 如非本人操作，请立即保护帐号：https?:\/\/\S+\/not-me\/[\w-]{22}$/,
    );
  });

  it("writes the code SMS of an account without a language in the language of the request", async () => {
    const zh = await startFlow(ALICE);
    expect((await send(zh, { ...meta, locale: "zh-CN" })).ok).toBe(true);
    expect((await getDb().smsMessage.findFirstOrThrow({ where: { purpose: "RECOVERY_CODE" } })).body).toMatch(
      /^【Postkey】您的验证码是 \d{6}，/,
    );
    await getDb().mailAccount.update({ where: { address: ALICE }, data: { locale: "en" } });
    const en = await startFlow(ALICE);
    clock.advance(60 * SECOND);
    expect((await send(en, { ...meta, locale: "zh-CN" })).ok).toBe(true);
    expect(await lastCode()).toMatch(/^\d{6}$/);
    const [latest] = await getDb().smsMessage.findMany({ where: { purpose: "RECOVERY_CODE" }, orderBy: { createdAt: "desc" }, take: 1 });
    expect(latest.body).toMatch(/^Your Postkey verification code is \d{6}\. It expires in 5 minutes\. Never share it\.$/);
  });

  it("accepts the code at 4:59 and moves to step 3 with a 10-minute grant", async () => {
    const flowId = await startFlow(ALICE);
    const code = await sendCode(flowId);
    clock.advance(4 * MINUTE + 59 * SECOND);
    expect(await enter(flowId, code)).toEqual({ ok: true });
    const flow = await flowRow(flowId);
    expect(flow).toMatchObject({ step: "RESET", codeHash: null, verifiedAt: new Date(Date.now()) });
    expect(flow.grantExpiresAt!.getTime() - Date.now()).toBe(10 * MINUTE);
    expect(await enter(flowId, code)).toEqual({ ok: false, error: "out_of_order" }); // one use
    expect((await auditActions({ action: "recovery.verified" }))[0]).toMatchObject({ result: "SUCCESS", detail: { method: "SMS" } });
  });

  it("refuses the code at 5:01 without counting a try", async () => {
    const flowId = await startFlow(ALICE);
    const code = await sendCode(flowId);
    clock.advance(5 * MINUTE + SECOND);
    const r = await enter(flowId, code);
    expect(r).toEqual({ ok: false, error: "code_expired" });
    if (!r.ok) expect(codeFailureState(tEn, r)).toMatchObject({ fieldErrors: { code: [enText("Recovery.errors.codeExpired")] } });
    expect((await flowRow(flowId)).codeAttempts).toBe(0);
    expect((await failures((await accountByAddress(ALICE)).id)).all).toBe(0);
  });

  it("says only how many tries are left; the 5th wrong entry voids the code and ends the flow", async () => {
    const flowId = await startFlow(ALICE);
    const code = await sendCode(flowId);
    for (const left of [4, 3, 2, 1]) {
      const r = await enter(flowId, wrongCode(code));
      expect(r).toEqual({ ok: false, error: "wrong_code", triesLeft: left });
      if (!r.ok)
        expect(codeFailureState(tEn, r)).toMatchObject({
          fieldErrors: { code: [`Verification failed. ${left} ${left === 1 ? "try" : "tries"} left.`] },
        });
    }
    expect(await enter(flowId, wrongCode(code))).toEqual({ ok: false, error: "too_many" });
    expect(await flowRow(flowId)).toMatchObject({ step: "FAILED", endedReason: "too_many_codes", codeHash: null, codeAttempts: 5 });
    expect(await enter(flowId, code)).toEqual({ ok: false, error: "ended" });
    const events = await auditActions({ action: "recovery.code_failed" });
    expect(events).toHaveLength(5);
    expect(JSON.stringify(events)).not.toContain(code);
  });

  it("counts parallel wrong entries atomically: never more than 5 judged", async () => {
    const flowId = await startFlow(ALICE);
    const code = await sendCode(flowId);
    const results = await Promise.all(Array.from({ length: 9 }, () => enter(flowId, wrongCode(code))));
    expect(results.filter((r) => !r.ok && r.error === "wrong_code")).toHaveLength(4);
    expect((await flowRow(flowId)).codeAttempts).toBe(5);
    expect((await failures((await accountByAddress(ALICE)).id)).all).toBe(5);
  });

  it("refuses a resend at 59 s and allows it at 60 s; the new code voids the old one and resets the tries", async () => {
    const flowId = await startFlow(ALICE);
    const first = await sendCode(flowId);
    await enter(flowId, wrongCode(first));
    clock.advance(59 * SECOND);
    const early = await send(flowId);
    expect(early).toEqual({ ok: false, error: "resend_wait", waitMs: SECOND });
    if (!early.ok) expect(sendFailureState(tEn, early, "SMS")).toMatchObject({ formError: "Wait 1 second, then send a new code." });
    clock.advance(SECOND);
    let second = await sendCode(flowId);
    // A random code repeats the first one time in a million, which could not show the first is void: send again then.
    while (second === first) {
      clock.advance(60 * SECOND);
      second = await sendCode(flowId);
    }
    const flow = await flowRow(flowId);
    expect(flow).toMatchObject({ codeAttempts: 0, codeHash: codeDigest(flow.code!, second) });
    expect(await enter(flowId, first)).toEqual({ ok: false, error: "wrong_code", triesLeft: 4 });
    expect(await enter(flowId, second)).toEqual({ ok: true });
  });

  it("sends at most 5 codes an hour and 10 a day per account, each window refused to its last second", async () => {
    const sends = async (flows: number) => {
      const results = [];
      for (let i = 0; i < flows; i++) results.push((await send(await startFlow(ALICE))).ok);
      return results;
    };
    const t0 = Date.now(); // both windows start at the first send (the fake clock stands still between calls)
    const at = (ms: number) => clock.set(new Date(t0 + ms));
    expect(await sends(6)).toEqual([true, true, true, true, true, false]); // the 5th allowed, the 6th refused
    const refused = await send(await startFlow(ALICE));
    expect(refused).toMatchObject({ ok: false, error: "send_limit" });
    if (!refused.ok)
      expect(sendFailureState(tEn, refused, "SMS")).toMatchObject({
        formError: expect.stringMatching(/^Too many codes were requested\. Try again in \d+ minutes or use another method\.$/),
      });
    at(HOUR - SECOND);
    expect(await sends(1)).toEqual([false]); // the hour's last second
    at(HOUR + SECOND);
    expect(await sends(6)).toEqual([true, true, true, true, true, false]); // a new hour: 10 today
    at(2 * HOUR + 2 * SECOND);
    expect(await sends(1)).toEqual([false]); // the hour has room: the day's cap refuses
    at(DAY - SECOND);
    expect(await sends(1)).toEqual([false]); // the day's last second
    at(DAY + SECOND);
    expect(await sends(1)).toEqual([true]);
    expect(await getDb().smsMessage.count({ where: { purpose: "RECOVERY_CODE", status: "SENT" } })).toBe(11);
  });

  it("sends at most 10 codes an hour per IP, refused to the hour's last second", async () => {
    const db = getDb();
    const mobiles = ["+14155550111", "+14155550112", "+14155550113"];
    for (const [i, address] of [DEMO.bob.email, DEMO.carol.email, DEMO.dan.email].entries()) {
      await db.mailAccount.update({ where: { address }, data: { secureMobile: mobiles[i], secureMobileVerifiedAt: new Date() } });
    }
    const t0 = Date.now();
    const addresses = [ALICE, DEMO.bob.email, DEMO.carol.email];
    const sent = [];
    for (let i = 0; i < 10; i++) sent.push((await send(await startFlow(addresses[i % 3]))).ok);
    expect(sent).toEqual(Array(10).fill(true)); // at most 4 per account: only the IP's cap is near
    // dan has sent nothing: his refusals are the IP's.
    expect(await send(await startFlow(DEMO.dan.email))).toMatchObject({ ok: false, error: "send_limit" });
    expect((await send(await startFlow(DEMO.dan.email), { ip: "198.51.100.77", userAgent: "vitest" })).ok).toBe(true);
    clock.set(new Date(t0 + HOUR - SECOND));
    expect(await send(await startFlow(DEMO.dan.email))).toMatchObject({ ok: false, error: "send_limit" });
    clock.set(new Date(t0 + HOUR + SECOND));
    expect((await send(await startFlow(DEMO.dan.email))).ok).toBe(true);
  });

  it("refuses a code a send of which was refused by a cap, and keeps the previous code", async () => {
    const flowId = await startFlow(ALICE);
    const code = await sendCode(flowId);
    for (let i = 0; i < 4; i++) await send(await startFlow(ALICE));
    clock.advance(60 * SECOND);
    expect(await send(flowId)).toMatchObject({ ok: false, error: "send_limit" });
    expect(await enter(flowId, code)).toEqual({ ok: true });
  });

  it("refuses to check a code before one was sent, changing nothing", async () => {
    const flowId = await startFlow(ALICE);
    const before = await flowRow(flowId);
    const r = await enter(flowId, "123456");
    expect(r).toEqual({ ok: false, error: "no_code" });
    if (!r.ok) expect(codeFailureState(tEn, r)).toMatchObject({ formError: enText("Recovery.errors.noCode") });
    expect(await flowRow(flowId)).toEqual(before);
  });

  it("keeps logon untouched by recovery failures", async () => {
    const before = await accountByAddress(ALICE);
    const flowId = await startFlow(ALICE);
    const code = await sendCode(flowId);
    for (let i = 0; i < 5; i++) await enter(flowId, wrongCode(code));
    const after = await accountByAddress(ALICE);
    expect(after).toMatchObject({
      failedLogonCount: before.failedLogonCount,
      lockedUntil: before.lockedUntil,
      lockCount: before.lockCount,
    });
    expect((await logOn({ kind: "mail", login: ALICE, password: DEMO.alice.password }, meta)).ok).toBe(true);
  });
});
