import { ARTICLE_RULES } from "@/lib/password-policy";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { SECOND } from "@/server/clock";
import { DEMO_QUESTIONS } from "@/server/seed/demo-data";
import { getRecoveryState } from "@/server/recovery/get-recovery-state";
import {
  ALICE,
  answer,
  CAROL,
  CAROL_ANSWERS,
  DAN,
  enter,
  send,
  sendCode,
  startFlow,
  useRecoveryTestEnv,
  wrongCode,
} from "./recovery-helpers";

describe("the page's view of a flow (getRecoveryState)", () => {
  const clock = useRecoveryTestEnv();

  it("shows step 1 without a flow, or for an id it does not know", async () => {
    expect(await getRecoveryState({ flowId: undefined })).toEqual({ step: "account", notice: null });
    expect(await getRecoveryState({ flowId: "x".repeat(200) })).toEqual({ step: "account", notice: null });
  });

  it("lists only the methods the account has, the phone masked, and the questions", async () => {
    const alice = await startFlow(ALICE);
    expect(await getRecoveryState({ flowId: alice })).toEqual({
      step: "verify",
      address: ALICE,
      methods: { sms: { masked: "+1 ••• ••• 0101" }, email: null, questions: { blocked: false }, totp: false, recoveryCode: false },
      // An employee without two-step logon: one proof.
      proofs: { needed: 1, first: null },
      chosen: null,
      code: { codeSent: false, method: null, resendInMs: 0, sentAt: null },
      questions: [...DEMO_QUESTIONS],
    });
    expect(await getRecoveryState({ flowId: await startFlow(DAN) })).toMatchObject({
      methods: { sms: { masked: "+1 ••• ••• 0104" }, email: null, questions: null },
      questions: [],
    });
    expect(await getRecoveryState({ flowId: await startFlow(CAROL) })).toMatchObject({
      methods: { sms: null, questions: { blocked: false } },
    });
  });

  it("hides SMS when the domain does not allow it", async () => {
    await getDb().domain.update({ where: { name: "example.com" }, data: { allowSmsRecovery: false } });
    const flowId = await startFlow(ALICE);
    expect(await getRecoveryState({ flowId })).toMatchObject({ methods: { sms: null, questions: { blocked: false } } });
    expect(await send(flowId)).toEqual({ ok: false, error: "method_unavailable" });
  });

  it("counts down the resend wait from the server's clock", async () => {
    const flowId = await startFlow(ALICE);
    await sendCode(flowId);
    clock.advance(15 * SECOND);
    expect(await getRecoveryState({ flowId })).toMatchObject({
      chosen: "SMS",
      code: { codeSent: true, method: "SMS", resendInMs: 45 * SECOND },
    });
  });

  it("names why a flow ended, and shows step 3 and step 4", async () => {
    const failed = await startFlow(ALICE);
    const code = await sendCode(failed);
    for (let i = 0; i < 5; i++) await enter(failed, wrongCode(code));
    expect(await getRecoveryState({ flowId: failed })).toEqual({ step: "account", notice: "too_many_codes" });

    const carol = await startFlow(CAROL);
    await answer(carol, CAROL_ANSWERS);
    expect(await getRecoveryState({ flowId: carol })).toEqual({
      step: "reset",
      address: CAROL,
      policy: { rules: ARTICLE_RULES, weakKeywords: ["example", "welcome"], domainName: "example.com" },
    });
    expect(await send(carol)).toEqual({ ok: false, error: "out_of_order" });
  });
});
