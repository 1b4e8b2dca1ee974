import { describe, expect, it } from "vitest";
import {
  answersFailureState,
  codeFailureState,
  DONE_PATH,
  flowRedirect,
  sendFailureState,
  startFailureState,
} from "@/app/(mail)/forgot-password/form-states";
import { codeSms } from "@/server/sms/code-sms";
import { RECOVERY, RECOVERY_COOKIE } from "@/server/recovery/internal/recovery-policy";
import { enText, tEn, tZh } from "../support/i18n";

describe("what the Forgot Password wizard says", () => {
  it("keeps the numbers of SECURITY.md", () => {
    expect(RECOVERY).toMatchObject({ flowTtlMs: 15 * 60_000, grantTtlMs: 10 * 60_000, questionFailures: 5, accountFailures: 10 });
    expect(RECOVERY.code).toMatchObject({ digits: 6, ttlMs: 5 * 60_000, maxAttempts: 5, resendAfterMs: 60_000 });
    expect(RECOVERY_COOKIE).toEqual({ name: "postkey_recovery", sameSite: "strict", maxAgeSec: 900 });
  });

  it("writes the SMS with the code, and its stored copy without, in the recipient's language", async () => {
    expect(await codeSms("123456", "en")).toEqual({
      body: "Your Postkey verification code is 123456. It expires in 5 minutes. Never share it.",
      redactedBody: "Your Postkey verification code is ••••••. It expires in 5 minutes. Never share it.",
    });
    const zh = await codeSms("123456", "zh-CN");
    expect(zh.body).toBe("【Postkey】您的验证码是 123456，5 分钟内有效。请勿告诉他人。");
    expect(zh.redactedBody).not.toMatch(/\d{6}/);
  });

  it.each([
    [4, "Verification failed. 4 tries left."],
    [1, "Verification failed. 1 try left."],
    [0, "Verification failed. 0 tries left."],
  ])("wrong answers with %i tries left", (n, text) => {
    expect(answersFailureState(tEn, { ok: false, error: "wrong_answers", triesLeft: n })).toMatchObject({
      formError: text,
      fieldErrors: {},
    });
    expect(codeFailureState(tEn, { ok: false, error: "wrong_code", triesLeft: n })).toMatchObject({ fieldErrors: { code: [text] } });
  });

  it.each([
    [1, "Wait 1 second, then send a new code."],
    [59_001, "Wait 60 seconds, then send a new code."],
  ])("a resend after %i ms", (ms, text) =>
    expect(sendFailureState(tEn, { ok: false, error: "resend_wait", waitMs: ms }, "SMS")).toMatchObject({ formError: text }),
  );

  it.each([
    [30_000, "Too many codes were requested. Try again in 1 minute or use another method."],
    [45 * 60_000, "Too many codes were requested. Try again in 45 minutes or use another method."],
    [20 * 3_600_000, "Too many codes were requested. Try again in 20 hours or use another method."],
  ])("the send limit, %i ms to go", (ms, text) =>
    expect(sendFailureState(tEn, { ok: false, error: "send_limit", retryAfterMs: ms }, "SMS")).toMatchObject({ formError: text }),
  );

  it("says the same in Chinese, numbers included", () => {
    expect(answersFailureState(tZh, { ok: false, error: "wrong_answers", triesLeft: 4 })).toMatchObject({
      formError: "验证失败，还剩 4 次机会。",
    });
    expect(sendFailureState(tZh, { ok: false, error: "resend_wait", waitMs: 23_000 }, "SMS")).toMatchObject({
      formError: "请等待 23 秒后再获取新验证码。",
    });
    expect(sendFailureState(tZh, { ok: false, error: "send_limit", retryAfterMs: 20 * 3_600_000 }, "SMS")).toMatchObject({
      formError: "获取验证码次数过多。请 20 小时后再试，或选择其他验证方式。",
    });
  });

  it("maps step-1 refusals: the image code next to its field, the rest as one message", () => {
    expect(startFailureState(tEn, { ok: false, error: "captcha" }, "a@example.com")).toMatchObject({
      fieldErrors: { captcha: ["The image verification code is incorrect. Enter the characters in the new image."] },
      values: { email: "a@example.com" },
    });
    expect(startFailureState(tEn, { ok: false, error: "unavailable" }, "a@example.com")).toMatchObject({
      formError: enText("Recovery.errors.unavailable"),
      fieldErrors: {},
    });
    expect(startFailureState(tEn, { ok: false, error: "rate_limited" }, "a@example.com")).toMatchObject({
      formError: "Too many password resets were started from your network. Try again in an hour.",
    });
  });

  it("maps SMS, code and answer refusals without detail", () => {
    expect(sendFailureState(tEn, { ok: false, error: "send_failed" }, "SMS")).toMatchObject({
      formError: "We could not send the code. Check back later or use another method.",
    });
    expect(sendFailureState(tEn, { ok: false, error: "capped" }, "SMS")).toMatchObject({ formError: enText("Recovery.errors.capped") });
    expect(codeFailureState(tEn, { ok: false, error: "wrong_code", triesLeft: 3 })).toMatchObject({
      fieldErrors: { code: ["Verification failed. 3 tries left."] },
    });
    expect(codeFailureState(tEn, { ok: false, error: "no_code" })).toMatchObject({ formError: "Send a code first." });
    expect(answersFailureState(tEn, { ok: false, error: "wrong_answers", triesLeft: 2 })).toMatchObject({
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
