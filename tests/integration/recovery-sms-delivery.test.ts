import { afterEach, describe, expect, it } from "vitest";
import { sendFailureState } from "@/app/(mail)/forgot-password/form-states";
import { getDb } from "@/server/db";
import { peekLimit } from "@/server/security/rate-limit";
import { resetSmsProviderCache, setSmsProviderForTests } from "@/server/sms/provider";
import { createTwilioProvider, type SendClock } from "@/server/sms/twilio-provider";
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
import { DEMO } from "../support/demo-accounts";

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
    const [message] = await stub.messages(DEMO.alice.mobile);
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
    const code = (await stub.messages(DEMO.alice.mobile))[0].body.match(/\d{6}/)![0];
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
  afterEach(() => setSmsProviderForTests(undefined));

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
    await stub.delayNextBy(5_000, 3); // each answer comes 5 s late: the 600 ms budget is spent on the first
    const r = await send(flowId);
    expect(await stub.attempts()).toBe(1); // the answer was not waited for, and no retry was started past the budget
    expect(r).toEqual({ ok: false, error: "send_failed" });
    if (!r.ok) expect(sendFailureState(tEn, r, "SMS")).toMatchObject({ formError: enText("Recovery.errors.sendFailed") });
    await expectNoCodeCounted(flowId, before, "timeout", 1);
    await stub.clear();
    expect((await send(flowId)).ok).toBe(true);
  });

  it("a provider that is down (503 on every try): the same, after the retries its budget allows", async () => {
    await stub.clear();
    // The send's time moves only when the test says: the round trips to the stub cost none of the budget.
    const clock = manualSendClock();
    setSmsProviderForTests(
      createTwilioProvider({
        accountSid: TWILIO_STUB_ACCOUNT_SID,
        authToken: TWILIO_STUB_AUTH_TOKEN,
        from: TWILIO_STUB_FROM,
        baseUrl: stub.url,
        budgetMs: 600,
        clock,
      }),
    );
    const flowId = await startFlow(ALICE);
    const before = await flowRow(flowId);
    await stub.failNextWith(503, 3);
    const sending = send(flowId);
    /** What the send does next: answer, or start a back-off. */
    const next = () => Promise.race([sending.then((r) => ({ answered: r })), clock.nextBackOff().then((ms) => ({ backOff: ms }))]);
    expect(await next()).toEqual({ backOff: 200 }); // the first try failed: retried 200 ms later
    expect(await stub.attempts()).toBe(1);
    clock.advance(200);
    // The second try fails too; the next retry (600 ms later) would pass the 600 ms budget, so it is not tried.
    expect(await next()).toEqual({ answered: { ok: false, error: "send_failed" } });
    expect(await stub.attempts()).toBe(2);
    await expectNoCodeCounted(flowId, before, "20500", 0);
  });
});

/**
 * A clock for one Twilio send that moves only on advance(). Its waits are the
 * budget's timer of a try in flight (called off when the try ends) and the
 * back-off between tries, which nextBackOff() reports as it starts.
 */
function manualSendClock(): SendClock & { advance(ms: number): void; nextBackOff(): Promise<number> } {
  let t = 0;
  const timers = new Set<{ at: number; fire: () => void }>();
  const backOffs: number[] = [];
  let onBackOff: (() => void) | undefined;
  return {
    now: () => t,
    sleep(ms, signal) {
      if (!signal) {
        backOffs.push(ms);
        onBackOff?.();
      }
      return new Promise<void>((fire) => {
        const timer = { at: t + ms, fire };
        timers.add(timer);
        signal?.addEventListener("abort", () => timers.delete(timer), { once: true });
      });
    },
    advance(ms) {
      t += ms;
      for (const timer of [...timers].filter((x) => x.at <= t)) {
        timers.delete(timer);
        timer.fire();
      }
    },
    async nextBackOff() {
      while (backOffs.length === 0) await new Promise<void>((resolve) => (onBackOff = resolve));
      return backOffs.shift() as number;
    },
  };
}
