import { describe, expect, it } from "vitest";
import { sendFailureState } from "@/app/(mail)/forgot-password/form-states";
import { getDb } from "@/server/db";
import { peekLimit } from "@/server/security/rate-limit";
import { resetSmsProviderCache } from "@/server/sms/provider";
import { accountByAddress, auditActions } from "../support/fixtures";
import { enText, tEn } from "../support/i18n";
import {
  connectTwilioStub,
  STUB_NUMBER_INVALID,
  STUB_NUMBER_UNROUTABLE,
  TWILIO_STUB_ACCOUNT_SID,
  TWILIO_STUB_AUTH_TOKEN,
  TWILIO_STUB_FROM,
} from "../support/twilio-stub";
import { ALICE, enter, failures, flowRow, send, startFlow, useRecoveryTestEnv } from "./recovery-helpers";

const stub = connectTwilioStub(process.env.TEST_TWILIO_STUB_URL as string);

describe("the global hourly SMS cap", () => {
  useRecoveryTestEnv({ SMS_HOURLY_CAP: "2" });

  it("refuses the code once the service-wide cap is reached, keeping the flow as it was", async () => {
    const flows = [await startFlow(ALICE), await startFlow(ALICE), await startFlow(ALICE)];
    expect((await send(flows[0])).ok).toBe(true);
    expect((await send(flows[1])).ok).toBe(true);
    const before = await flowRow(flows[2]);
    const r = await send(flows[2]);
    expect(r).toEqual({ ok: false, error: "capped" });
    if (!r.ok) expect(sendFailureState(tEn, r, "SMS")).toMatchObject({ formError: enText("Recovery.errors.capped") });
    expect(await flowRow(flows[2])).toEqual(before);
    expect((await auditActions({ action: "sms.failed" }))[0]).toMatchObject({ result: "REFUSED", detail: { reason: "hourly_cap" } });
  });
});

describe("codes through Twilio (the stub)", () => {
  const clock = useRecoveryTestEnv({
    SMS_PROVIDER: "twilio",
    TWILIO_ACCOUNT_SID: TWILIO_STUB_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: TWILIO_STUB_AUTH_TOKEN,
    TWILIO_FROM_NUMBER: TWILIO_STUB_FROM,
    TWILIO_API_BASE_URL: stub.url,
  });

  const bind = (mobile: string) =>
    getDb().mailAccount.update({ where: { address: ALICE }, data: { secureMobile: mobile, secureMobileVerifiedAt: new Date() } });

  it("delivers the code with the real SDK; only a redacted copy is stored", async () => {
    await stub.clear();
    resetSmsProviderCache();
    const flowId = await startFlow(ALICE);
    expect((await send(flowId)).ok).toBe(true);
    const [message] = await stub.messages("+14155550101");
    const code = message.body.match(/\d{6}/)![0];
    expect(message.body).toBe(`Your Postkey verification code is ${code}. It expires in 5 minutes. Never share it.`);
    const [row] = await getDb().smsMessage.findMany({ where: { purpose: "RECOVERY_CODE" } });
    expect(row).toMatchObject({
      provider: "twilio",
      body: "Your Postkey verification code is ••••••. It expires in 5 minutes. Never share it.",
    });
    expect(await enter(flowId, code)).toEqual({ ok: true });
  });

  it.each([STUB_NUMBER_INVALID, STUB_NUMBER_UNROUTABLE])("maps a Twilio error (%s) to send_failed and counts no try", async (mobile) => {
    await bind(mobile);
    const flowId = await startFlow(ALICE);
    const before = await flowRow(flowId);
    const r = await send(flowId);
    expect(r).toEqual({ ok: false, error: "send_failed" });
    if (!r.ok)
      expect(sendFailureState(tEn, r, "SMS")).toMatchObject({
        formError: "We could not send the code. Check back later or use another method.",
      });
    expect(await flowRow(flowId)).toEqual(before);
    expect(await failures((await accountByAddress(ALICE)).id)).toEqual({ all: 0, questions: 0 });
    expect((await getDb().smsMessage.findMany({ where: { purpose: "RECOVERY_CODE" } }))[0]).toMatchObject({ status: "FAILED" });
    expect(await send(flowId)).toEqual({ ok: false, error: "send_failed" }); // no resend wait after a failure
    expect(await enter(flowId, "123456")).toEqual({ ok: false, error: "no_code" });
  });

  it("keeps the previous code when a resend fails", async () => {
    const flowId = await startFlow(ALICE);
    await stub.clear();
    expect((await send(flowId)).ok).toBe(true);
    const code = (await stub.messages("+14155550101"))[0].body.match(/\d{6}/)![0];
    await stub.failNextWith(400);
    clock.advance(60_000);
    expect(await send(flowId)).toEqual({ ok: false, error: "send_failed" });
    expect(await enter(flowId, code)).toEqual({ ok: true });
  });
});

describe("a slow or failing provider", () => {
  useRecoveryTestEnv({
    SMS_PROVIDER: "twilio",
    TWILIO_ACCOUNT_SID: TWILIO_STUB_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: TWILIO_STUB_AUTH_TOKEN,
    TWILIO_FROM_NUMBER: TWILIO_STUB_FROM,
    TWILIO_API_BASE_URL: stub.url,
    SMS_SEND_TIMEOUT_MS: "600",
  });

  /**
   * The flow as it was, no try counted, the failure audited with its code. The
   * send caps give the send back when the provider refused it; a timed-out one
   * may still arrive, so the caps keep it (`capsUsed` 1).
   */
  async function expectNoCodeCounted(flowId: string, before: unknown, errorCode: string, capsUsed: 0 | 1) {
    const alice = await accountByAddress(ALICE);
    expect(await flowRow(flowId)).toEqual(before);
    expect(await failures(alice.id)).toEqual({ all: 0, questions: 0 });
    for (const [name, key] of [
      ["recoveryCodesByAccountHour", alice.id],
      ["recoveryCodesByAccountDay", alice.id],
    ] as const)
      expect((await peekLimit(name, key)).used).toBe(capsUsed);
    expect((await auditActions({ action: "sms.failed" }))[0]).toMatchObject({ result: "FAILURE", detail: { errorCode } });
  }

  it("a provider slower than SMS_SEND_TIMEOUT_MS: a clear message within that time, no code counted (the caps keep the send: it may arrive); the next send works", async () => {
    await stub.clear();
    resetSmsProviderCache();
    const flowId = await startFlow(ALICE);
    const before = await flowRow(flowId);
    await stub.delayNextBy(5_000, 3);
    const started = performance.now();
    const r = await send(flowId);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(r).toEqual({ ok: false, error: "send_failed" });
    if (!r.ok) expect(sendFailureState(tEn, r, "SMS")).toMatchObject({ formError: enText("Recovery.errors.sendFailed") });
    await expectNoCodeCounted(flowId, before, "timeout", 1);
    await stub.clear();
    expect((await send(flowId)).ok).toBe(true);
  });

  it("a provider that is down (503 on every try): the same, after the retries its budget allows", async () => {
    await stub.clear();
    resetSmsProviderCache();
    const flowId = await startFlow(ALICE);
    const before = await flowRow(flowId);
    await stub.failNextWith(503, 3);
    expect(await send(flowId)).toEqual({ ok: false, error: "send_failed" });
    // Retried once (200 ms later); the next retry (600 ms later) would pass the 600 ms budget, so it is not tried.
    expect(await stub.attempts()).toBe(2);
    await expectNoCodeCounted(flowId, before, "20500", 0);
  });
});
