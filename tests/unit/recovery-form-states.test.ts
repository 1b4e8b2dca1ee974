import { describe, expect, it } from "vitest";
import {
  answersFailureState,
  codeFailureState,
  DONE_PATH,
  flowRedirect,
  sendFailureState,
  startFailureState,
} from "@/app/(mail)/forgot-password/form-states";
import { RECOVERY_MESSAGES, resendWait, sendLimited, verificationFailed } from "@/lib/messages/recovery";
import { recoveryCodeSms, RECOVERY, RECOVERY_COOKIE } from "@/server/recovery/recovery-policy";

describe("what the Forgot Password wizard says", () => {
  it("keeps the numbers of SECURITY.md", () => {
    expect(RECOVERY).toMatchObject({ flowTtlMs: 15 * 60_000, grantTtlMs: 10 * 60_000, questionFailures: 5, accountFailures: 10 });
    expect(RECOVERY.code).toMatchObject({ digits: 6, ttlMs: 5 * 60_000, maxAttempts: 5, resendAfterMs: 60_000 });
    expect(RECOVERY_COOKIE).toEqual({ name: "postkey_recovery", sameSite: "strict", maxAgeSec: 900 });
  });

  it("writes the SMS with the code, and its stored copy without", () => {
    expect(recoveryCodeSms("123456")).toBe("Your Postkey verification code is 123456. It expires in 5 minutes. Never share it.");
    expect(recoveryCodeSms("••••••")).not.toMatch(/\d{6}/);
  });

  it.each([
    [4, "Verification failed. 4 tries left."],
    [1, "Verification failed. 1 try left."],
    [0, "Verification failed. 0 tries left."],
  ])("verificationFailed(%i)", (n, text) => expect(verificationFailed(n)).toBe(text));

  it.each([
    [1, "Wait 1 second, then send a new code."],
    [59_001, "Wait 60 seconds, then send a new code."],
  ])("resendWait(%i)", (ms, text) => expect(resendWait(ms)).toBe(text));

  it.each([
    [30_000, "Too many codes were requested. Try again in 1 minute or use another method."],
    [45 * 60_000, "Too many codes were requested. Try again in 45 minutes or use another method."],
    [20 * 3_600_000, "Too many codes were requested. Try again in 20 hours or use another method."],
  ])("sendLimited(%i)", (ms, text) => expect(sendLimited(ms)).toBe(text));

  it("maps step-1 refusals: the image code next to its field, the rest as one message", () => {
    expect(startFailureState({ ok: false, error: "captcha" }, "a@example.com")).toMatchObject({
      fieldErrors: { captcha: [RECOVERY_MESSAGES.captcha] },
      values: { email: "a@example.com" },
    });
    expect(startFailureState({ ok: false, error: "unavailable" }, "a@example.com")).toMatchObject({
      formError: RECOVERY_MESSAGES.unavailable,
      fieldErrors: {},
    });
  });

  it("maps SMS, code and answer refusals without detail", () => {
    expect(sendFailureState({ ok: false, error: "send_failed" })).toMatchObject({ formError: RECOVERY_MESSAGES.sendFailed });
    expect(sendFailureState({ ok: false, error: "capped" })).toMatchObject({ formError: RECOVERY_MESSAGES.capped });
    expect(codeFailureState({ ok: false, error: "wrong_code", triesLeft: 3 })).toMatchObject({
      fieldErrors: { code: ["Verification failed. 3 tries left."] },
    });
    expect(codeFailureState({ ok: false, error: "no_code" })).toMatchObject({ formError: RECOVERY_MESSAGES.noCode });
    expect(answersFailureState({ ok: false, error: "wrong_answers", triesLeft: 2 })).toMatchObject({
      formError: "Verification failed. 2 tries left.",
      fieldErrors: {},
    });
  });

  it("sends ended, expired and out-of-order flows back to the page", () => {
    expect(flowRedirect("no_flow")).toBe("/forgot-password?notice=expired");
    for (const e of ["expired", "ended", "out_of_order", "account_blocked", "too_many"]) expect(flowRedirect(e)).toBe("/forgot-password");
    expect(flowRedirect("wrong_code")).toBeNull();
    expect(DONE_PATH).toBe("/forgot-password?done=1");
  });
});
