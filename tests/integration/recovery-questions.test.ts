import type * as PasswordHash from "@/server/security/password-hash";
import { describe, expect, it, vi } from "vitest";
import { answersFailureState } from "@/app/(mail)/forgot-password/form-states";
import { getDb } from "@/server/db";
import { HOUR, MINUTE, SECOND } from "@/server/clock";
import { getRecoveryState } from "@/server/recovery/get-recovery-state";
import { verifySecret } from "@/server/security/password-hash";
import { accountByAddress, auditActions } from "../support/fixtures";
import { enText, tEn } from "../support/i18n";
import {
  ALICE,
  ALICE_ANSWERS,
  answer,
  CAROL,
  CAROL_ANSWERS,
  enter,
  failures,
  flowRow,
  sendCode,
  start,
  startFlow,
  useRecoveryTestEnv,
  WRONG_ANSWERS,
} from "./recovery-helpers";

vi.mock("@/server/security/password-hash", async (importOriginal) => {
  const original = await importOriginal<typeof PasswordHash>();
  return { ...original, verifySecret: vi.fn(original.verifySecret) };
});

describe("security questions", () => {
  const clock = useRecoveryTestEnv();

  it("passes with all three answers, compared after normalization, and grants 10 minutes", async () => {
    const flowId = await startFlow(CAROL);
    expect(await answer(flowId, ["  MITTENS ", "shanghai", "Riverside\t"])).toEqual({ ok: true });
    const flow = await flowRow(flowId);
    expect(flow).toMatchObject({ step: "RESET", method: "QUESTIONS" });
    expect(flow.grantExpiresAt!.getTime() - Date.now()).toBe(10 * MINUTE);
    expect(await answer(flowId, CAROL_ANSWERS)).toEqual({ ok: false, error: "out_of_order" });
  });

  it("checks all three answers every time and never says which one was wrong", async () => {
    const flowId = await startFlow(CAROL);
    const spy = vi.mocked(verifySecret);
    for (const wrong of [
      ["x", ...CAROL_ANSWERS.slice(1)],
      [CAROL_ANSWERS[0], "x", CAROL_ANSWERS[2]],
      [...CAROL_ANSWERS.slice(0, 2), "x"],
    ]) {
      spy.mockClear();
      const r = await answer(flowId, wrong);
      expect(spy).toHaveBeenCalledTimes(3);
      expect(r).toMatchObject({ ok: false, error: "wrong_answers" });
      if (!r.ok)
        expect(answersFailureState(tEn, r)).toMatchObject({
          formError: expect.stringMatching(/^Verification failed\. \d tries left\.$/),
          fieldErrors: {},
        });
    }
    const events = await auditActions({ action: "recovery.questions_failed" });
    expect(events.map((e) => (e.detail as { triesLeft: number }).triesLeft).sort()).toEqual([2, 3, 4]);
    const text = JSON.stringify(events);
    for (const a of CAROL_ANSWERS) expect(text.toLowerCase()).not.toContain(a.toLowerCase());
  });

  it("blocks the method for 24 h after the 5th failed try in 24 h", async () => {
    const alice = await accountByAddress(ALICE);
    const flowId = await startFlow(ALICE);
    for (const left of [4, 3, 2, 1])
      expect(await answer(flowId, WRONG_ANSWERS)).toEqual({ ok: false, error: "wrong_answers", triesLeft: left });
    const fifth = await answer(flowId, WRONG_ANSWERS);
    expect(fifth).toEqual({ ok: false, error: "questions_blocked" });
    if (!fifth.ok) expect(answersFailureState(tEn, fifth)).toMatchObject({ formError: enText("Recovery.errors.questionsBlocked") });
    expect((await auditActions({ action: "recovery.method_blocked" }))[0]).toMatchObject({
      result: "REFUSED",
      targetId: alice.id,
      detail: { method: "QUESTIONS" },
    });

    // Blocked even with the right answers, and shown as blocked; the SMS method stays.
    expect(await answer(flowId, ALICE_ANSWERS)).toEqual({ ok: false, error: "questions_blocked" });
    expect(await getRecoveryState({ flowId })).toMatchObject({
      step: "verify",
      methods: { sms: { masked: "+1 ••• ••• 0101" }, email: null, questions: { blocked: true } },
    });
    expect((await failures(alice.id)).all).toBe(5);

    clock.advance(24 * HOUR - SECOND);
    expect(await answer(await startFlow(ALICE), ALICE_ANSWERS)).toEqual({ ok: false, error: "questions_blocked" });
    clock.advance(2 * SECOND);
    expect(await answer(await startFlow(ALICE), ALICE_ANSWERS)).toEqual({ ok: true });
  });

  it("makes an account whose only method is blocked unable to self-serve", async () => {
    const flowId = await startFlow(CAROL);
    for (let i = 0; i < 5; i++) await answer(flowId, WRONG_ANSWERS);
    expect(await getRecoveryState({ flowId })).toEqual({ step: "account", notice: "unavailable" });
    expect(await start(CAROL)).toEqual({ ok: false, error: "unavailable" });
  });

  it("keeps a code sent before a failed question try valid: the user may switch methods", async () => {
    const flowId = await startFlow(ALICE);
    const code = await sendCode(flowId);
    expect(await answer(flowId, WRONG_ANSWERS)).toMatchObject({ error: "wrong_answers" });
    expect(await enter(flowId, code)).toEqual({ ok: true });
  });

  it("does not offer questions the domain does not allow", async () => {
    await getDb().domain.update({ where: { name: "example.com" }, data: { allowQuestionRecovery: false } });
    const flowId = await startFlow(ALICE);
    expect(await getRecoveryState({ flowId })).toMatchObject({ step: "verify", methods: { questions: null } });
    expect(await answer(flowId, ALICE_ANSWERS)).toEqual({ ok: false, error: "method_unavailable" });
    expect((await flowRow(flowId)).step).toBe("VERIFY");
  });

  it("holds the cap under parallel tries: at most 5 judged", async () => {
    const flowId = await startFlow(ALICE);
    const spy = vi.mocked(verifySecret);
    spy.mockClear();
    const results = await Promise.all(Array.from({ length: 8 }, () => answer(flowId, WRONG_ANSWERS)));
    // Exactly 5 tries judged (3 answers each): 4 told how many are left, the 5th and the 3 refused told the method is blocked.
    expect(spy.mock.calls.length).toBe(15);
    expect(results.filter((r) => !r.ok && r.error === "wrong_answers")).toHaveLength(4);
    expect(results.filter((r) => !r.ok && r.error === "questions_blocked")).toHaveLength(4);
    expect((await failures((await accountByAddress(ALICE)).id)).all).toBe(5); // 5 counted toward the account's cap, no more
    expect(await auditActions({ action: "recovery.questions_failed" })).toHaveLength(5);
    expect(await answer(flowId, ALICE_ANSWERS)).toEqual({ ok: false, error: "questions_blocked" });
  });
});
