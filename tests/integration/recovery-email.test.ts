import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sendFailureState } from "@/app/(mail)/forgot-password/form-states";
import { resetEnvCache } from "@/env";
import { logOn } from "@/server/auth/log-on";
import { updateRecoverySettings } from "@/server/admin/update-recovery-settings";
import { getDb } from "@/server/db";
import { resetEmailProviderCache } from "@/server/email/provider";
import { completeRecovery } from "@/server/recovery/complete-recovery";
import { getRecoveryState } from "@/server/recovery/get-recovery-state";
import { sendRecoveryCode } from "@/server/recovery/send-recovery-code";
import { SECOND } from "@/server/clock";
import { peekLimit } from "@/server/security/rate-limit";
import { accountByAddress, auditActions, meta, sendReturnedNotice } from "../support/fixtures";
import { tEn } from "../support/i18n";
import { codeDigest } from "../support/short-secret-digest";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { ALICE, BOB, enter, failures, flowRow, send, start, startFlow, useRecoveryTestEnv, wrongCode } from "./recovery-helpers";
import { postmasterFor } from "../support/postmaster";
import { DEMO } from "../support/demo-accounts";

/**
 * Forgot Password step 2 by a code mailed to the verified backup email
 * address (ADR 0008): offered when the account has one and the domain
 * allows it, under the SMS code's rules and the same send caps (both
 * channels together), the mail read back from a real SMTP server.
 */
const BOB_BACKUP = "bob.home@gmail.example";
const ALICE_BACKUP = "alice.home@mail.example.net";
const NEW_PASSWORD = "Harbor-Lantern-42";

const env: Record<string, string> = {
  EMAIL_PROVIDER: "smtp",
  EMAIL_FROM: "Postkey <no-reply@mail.example.com>",
  EMAIL_SEND_TIMEOUT_MS: "1000",
};
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  env.SMTP_URL = smtp.url;
});
afterAll(async () => {
  await smtp.stop();
});

function useSmtpUrl(url: string) {
  process.env.SMTP_URL = url;
  resetEnvCache();
  resetEmailProviderCache();
}

const sendEmailCode = (flowId: string) => sendRecoveryCode({ flowId, method: "EMAIL" }, meta);

/** The code of the newest message the SMTP server took for `to`. */
function mailedCode(to: string): string {
  const mail = smtp.messages.filter((m) => m.to.includes(to)).at(-1);
  const code = mail?.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code was mailed to ${to}`);
  return code;
}

async function bindBackup(address: string, email: string, verified = true) {
  await getDb().mailAccount.update({
    where: { address },
    data: { backupEmail: email, backupEmailVerifiedAt: verified ? new Date() : null },
  });
}

async function setEmailPolicy(allowEmailRecovery: boolean) {
  const pm = await accountByAddress(DEMO.postmaster.email);
  const r = await updateRecoverySettings(
    {
      postmaster: await postmasterFor(pm.id),
      allowSmsRecovery: true,
      allowQuestionRecovery: true,
      allowEmailRecovery,
      notifyPostmasterOfSelfServiceResets: false,
    },
    meta,
  );
  expect(r.ok).toBe(true);
}

describe("Forgot Password by the backup email address", () => {
  const clock = useRecoveryTestEnv(env);
  beforeEach(() => {
    resetEmailProviderCache();
    smtp.clear();
  });

  it("lets an account whose only method is a backup address reset by the mailed code", async () => {
    // Bob has neither a secure mobile nor questions: without the address he cannot self-serve.
    expect(await start(BOB)).toEqual({ ok: false, error: "unavailable" });
    await bindBackup(BOB, BOB_BACKUP);
    const flowId = await startFlow(BOB);
    expect(await getRecoveryState({ flowId })).toMatchObject({
      step: "verify",
      methods: { sms: null, email: { masked: "b•••@g•••.example" }, questions: null },
      code: { codeSent: false },
    });

    expect(await sendEmailCode(flowId)).toEqual({ ok: true, masked: "b•••@g•••.example" });
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    const code = mailedCode(BOB_BACKUP);
    expect(mail).toMatchObject({ subject: "Your Postkey verification code" });
    expect(mail.html).toContain(code);
    // The code is typed into the page that asked for it: never a link.
    expect(`${mail.text}\n${mail.html}`).not.toMatch(/https?:\/\//);
    // Outside local runs the record keeps the text with the code dotted out.
    const [row] = await getDb().emailMessage.findMany({ where: { purpose: "RECOVERY_CODE" } });
    expect(row).toMatchObject({ to: BOB_BACKUP, status: "SENT", provider: "smtp" });
    expect(row.body).not.toContain(code);
    expect(await getRecoveryState({ flowId })).toMatchObject({ chosen: "EMAIL", code: { codeSent: true, resendInMs: 60 * SECOND } });

    expect(await enter(flowId, code)).toEqual({ ok: true });
    expect(await flowRow(flowId)).toMatchObject({ step: "RESET", method: "EMAIL" });
    const [verified] = await auditActions({ action: "recovery.verified" });
    expect(verified.detail).toEqual({ method: "EMAIL" });
    expect(JSON.stringify(await auditActions())).not.toContain(code);

    const done = await completeRecovery({ flowId, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, meta);
    expect(done.ok).toBe(true);
    await sendReturnedNotice(done);
    expect((await logOn({ kind: "mail", login: BOB, password: NEW_PASSWORD }, meta)).ok).toBe(true);
    // The reset notice also goes to the backup address.
    const notice = smtp.messages.filter((m) => m.to.includes(BOB_BACKUP)).at(-1);
    expect(notice?.subject).not.toBe("Your Postkey verification code");
    expect(notice?.text).not.toMatch(/\b\d{6}\b/);
  });

  it("is not offered for an unverified address, nor when the domain turned it off: the same answer as for any account without a method", async () => {
    await bindBackup(BOB, BOB_BACKUP, false);
    expect(await start(BOB)).toEqual({ ok: false, error: "unavailable" });
    await bindBackup(BOB, BOB_BACKUP);
    await setEmailPolicy(false);
    expect(await start(BOB)).toEqual({ ok: false, error: "unavailable" });
    expect(await start("nobody@example.com")).toEqual({ ok: false, error: "unavailable" });

    // Alice still has SMS: email is simply not one of her methods, and a forged "EMAIL" send is refused.
    await bindBackup(ALICE, ALICE_BACKUP);
    const flowId = await startFlow(ALICE);
    expect(await getRecoveryState({ flowId })).toMatchObject({ methods: { email: null } });
    expect(await sendEmailCode(flowId)).toEqual({ ok: false, error: "method_unavailable" });
    expect(smtp.messages).toHaveLength(0);
  });

  it("has one code per flow: an emailed code voids the SMS one, within the same 60 s wait", async () => {
    await bindBackup(ALICE, ALICE_BACKUP);
    const flowId = await startFlow(ALICE);
    expect((await send(flowId)).ok).toBe(true);
    const [sms] = await getDb().smsMessage.findMany({ where: { purpose: "RECOVERY_CODE" } });
    const smsCode = sms.body.match(/\d{6}/)![0];
    // The wait between two codes holds across the two channels.
    expect(await sendEmailCode(flowId)).toEqual({ ok: false, error: "resend_wait", waitMs: 60 * SECOND });
    clock.advance(60 * SECOND);
    expect((await sendEmailCode(flowId)).ok).toBe(true);
    let emailCode = mailedCode(ALICE_BACKUP);
    // A random code repeats the SMS one time in a million, which could not show the SMS code is void: send again then.
    while (emailCode === smsCode) {
      clock.advance(60 * SECOND);
      expect((await sendEmailCode(flowId)).ok).toBe(true);
      emailCode = mailedCode(ALICE_BACKUP);
    }
    expect(await getRecoveryState({ flowId })).toMatchObject({ chosen: "EMAIL", code: { codeSent: true } });
    const flow = await flowRow(flowId);
    expect(flow).toMatchObject({ code: { destination: ALICE_BACKUP }, codeHash: codeDigest(flow.code!, emailCode) });
    expect(await enter(flowId, smsCode)).toEqual({ ok: false, error: "wrong_code", triesLeft: 4 });
    expect(await enter(flowId, emailCode)).toEqual({ ok: true });
    expect(await flowRow(flowId)).toMatchObject({ step: "RESET", method: "EMAIL" });
  });

  it("counts SMS and email sends against the same caps: 5 an hour per account", async () => {
    await bindBackup(ALICE, ALICE_BACKUP);
    const flowId = await startFlow(ALICE);
    const sends = [send, sendEmailCode, send, sendEmailCode, sendEmailCode];
    for (const s of sends) {
      expect((await s(flowId)).ok).toBe(true);
      clock.advance(60 * SECOND);
    }
    expect(await sendEmailCode(flowId)).toMatchObject({ ok: false, error: "send_limit" });
    expect(await send(flowId)).toMatchObject({ ok: false, error: "send_limit" });
    expect(smtp.messages).toHaveLength(3);
  });

  it("ends the flow at the 5th wrong code, each counted as a recovery failure", async () => {
    await bindBackup(BOB, BOB_BACKUP);
    const bob = await accountByAddress(BOB);
    const flowId = await startFlow(BOB);
    await sendEmailCode(flowId);
    const code = mailedCode(BOB_BACKUP);
    for (let i = 4; i >= 1; i--) expect(await enter(flowId, wrongCode(code))).toEqual({ ok: false, error: "wrong_code", triesLeft: i });
    expect(await enter(flowId, wrongCode(code))).toEqual({ ok: false, error: "too_many" });
    expect(await flowRow(flowId)).toMatchObject({ step: "FAILED", endedReason: "too_many_codes" });
    expect((await failures(bob.id)).all).toBe(5);
    expect(await enter(flowId, code)).toMatchObject({ ok: false, error: "ended" });
  });

  it("refuses the mailed code once the domain turns email off, and the reset once the method is gone", async () => {
    await bindBackup(ALICE, ALICE_BACKUP);
    const flowId = await startFlow(ALICE);
    await sendEmailCode(flowId);
    await setEmailPolicy(false);
    expect(await enter(flowId, mailedCode(ALICE_BACKUP))).toEqual({ ok: false, error: "method_unavailable" });

    await setEmailPolicy(true);
    clock.advance(60 * SECOND);
    await sendEmailCode(flowId);
    expect(await enter(flowId, mailedCode(ALICE_BACKUP))).toEqual({ ok: true });
    await getDb().mailAccount.update({ where: { address: ALICE }, data: { backupEmail: null, backupEmailVerifiedAt: null } });
    expect(await completeRecovery({ flowId, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, meta)).toMatchObject({
      ok: false,
    });
    expect((await logOn({ kind: "mail", login: ALICE, password: NEW_PASSWORD }, meta)).ok).toBe(false);
  });

  for (const [name, fail] of [
    ["a 4xx reply", () => smtp.failNextWith(451)],
    ["a 5xx reply", () => smtp.failNextWith(550)],
    ["a timeout", () => smtp.delayNextBy(3_000)],
    ["a refused connection", () => useSmtpUrl("smtp://127.0.0.1:9")],
  ] as const) {
    it(`tells the user when the mail cannot go out (${name}), and counts no send and no try`, async () => {
      await bindBackup(BOB, BOB_BACKUP);
      const bob = await accountByAddress(BOB);
      const flowId = await startFlow(BOB);
      const before = await peekLimit("recoveryCodesByAccountHour", bob.id);
      fail();
      const r = await sendEmailCode(flowId);
      expect(r).toEqual({ ok: false, error: "send_failed" });
      if (!r.ok) {
        expect(sendFailureState(tEn, r, "EMAIL")).toMatchObject({
          formError: "We could not email the code. Check back later or use another method.",
        });
      }
      expect((await peekLimit("recoveryCodesByAccountHour", bob.id)).used).toBe(before.used);
      expect(await flowRow(flowId)).toMatchObject({ step: "VERIFY", method: null, codeHash: null });
      expect(await getDb().emailMessage.findFirst({ where: { purpose: "RECOVERY_CODE" } })).toMatchObject({ status: "FAILED" });
      // No wait is imposed by a code that never left: the next try goes out at once.
      useSmtpUrl(smtp.url);
      expect(await sendEmailCode(flowId)).toMatchObject({ ok: true });
    });
  }
});
