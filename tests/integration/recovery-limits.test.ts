import { describe, expect, it } from "vitest";
import { logOn } from "@/server/auth/log-on";
import { MINUTE, SECOND } from "@/server/clock";
import { getRecoveryState } from "@/server/recovery/get-recovery-state";
import { accountByAddress, auditActions, meta, otherMeta } from "../support/fixtures";
import {
  ALICE,
  ALICE_ANSWERS,
  answer,
  enter,
  failures,
  flowRow,
  send,
  sendCode,
  start,
  startFlow,
  useRecoveryTestEnv,
  wrongCode,
  WRONG_ANSWERS,
} from "./recovery-helpers";
import { DEMO } from "../support/demo-accounts";

describe("all recovery failures of an account: 10 per 24 h, then 1 h without self-service", () => {
  const clock = useRecoveryTestEnv();

  async function tenFailures() {
    const flowId = await startFlow(ALICE);
    for (let i = 0; i < 5; i++) await answer(flowId, WRONG_ANSWERS); // questions now blocked
    const code = await sendCode(flowId);
    for (let i = 0; i < 4; i++) expect(await enter(flowId, wrongCode(code))).toMatchObject({ error: "wrong_code" });
    return { flowId, code };
  }

  it("counts codes and answers together; the 10th failure ends the flow and refuses self-service", async () => {
    const alice = await accountByAddress(ALICE);
    const { flowId, code } = await tenFailures();
    expect((await failures(alice.id)).all).toBe(9);
    expect(await enter(flowId, wrongCode(code))).toEqual({ ok: false, error: "account_blocked" });
    expect(await flowRow(flowId)).toMatchObject({ step: "FAILED", endedReason: "account_blocked" });
    expect(await getRecoveryState({ flowId })).toEqual({ step: "account", notice: "unavailable" });
    const blocks = (await auditActions({ action: "recovery.method_blocked" })).map((e) => (e.detail as { method: string }).method);
    expect(blocks.sort()).toEqual(["ALL", "QUESTIONS"]);

    expect(await start(ALICE)).toEqual({ ok: false, error: "unavailable" });
    clock.advance(59 * MINUTE);
    expect(await start(ALICE)).toEqual({ ok: false, error: "unavailable" });
    clock.advance(MINUTE + SECOND);
    const again = await startFlow(ALICE);
    expect((await send(again)).ok).toBe(true);
  });

  it("keeps the 24 h window after the 1 h block: each later failure in the window blocks again at once", async () => {
    const alice = await accountByAddress(ALICE);
    const { flowId, code } = await tenFailures();
    expect(await enter(flowId, wrongCode(code))).toEqual({ ok: false, error: "account_blocked" });
    clock.advance(60 * MINUTE + SECOND);
    // The hour is over, but the window still holds 10 failures: one try, and a failure blocks for another hour.
    const second = await startFlow(ALICE);
    const next = await sendCode(second);
    expect(await enter(second, wrongCode(next))).toEqual({ ok: false, error: "account_blocked" });
    expect((await failures(alice.id)).all).toBe(11);
    expect(await start(ALICE)).toEqual({ ok: false, error: "unavailable" });
    clock.advance(60 * MINUTE + SECOND);
    // The single try of this hour, right this time, resets the password's way open; it is not counted.
    const third = await startFlow(ALICE);
    expect(await enter(third, await sendCode(third))).toEqual({ ok: true });
    expect((await failures(alice.id)).all).toBe(11);
  });

  it("after a lapsed block, parallel tries get one verdict; the others are refused", async () => {
    const { flowId, code } = await tenFailures();
    await enter(flowId, wrongCode(code));
    clock.advance(60 * MINUTE + SECOND);
    const flows = [await startFlow(ALICE), await startFlow(ALICE, otherMeta)];
    const codes = [await sendCode(flows[0]), await sendCode(flows[1], otherMeta)];
    const results = await Promise.all(flows.map((f, i) => enter(f, wrongCode(codes[i]), i ? otherMeta : meta)));
    const judged = (await auditActions({ action: "recovery.code_failed" })).length;
    expect(results.every((r) => !r.ok && r.error === "account_blocked")).toBe(true);
    expect(judged).toBe(4 + 1 + 1); // the 4 + 1 before the block, then exactly one
  });

  it("the block ends after 24 h of quiet: a full 10 tries again", async () => {
    const alice = await accountByAddress(ALICE);
    const { flowId, code } = await tenFailures();
    await enter(flowId, wrongCode(code));
    clock.advance(24 * 60 * MINUTE + SECOND);
    const again = await startFlow(ALICE);
    const next = await sendCode(again);
    expect(await enter(again, wrongCode(next))).toMatchObject({ ok: false, error: "wrong_code" });
    expect((await failures(alice.id)).all).toBe(1);
  });

  it("stops a flow that is under way once the account is blocked", async () => {
    const other = await startFlow(ALICE);
    const { flowId, code } = await tenFailures();
    await enter(flowId, wrongCode(code));
    expect(await send(other)).toEqual({ ok: false, error: "account_blocked" });
    expect(await answer(other, ALICE_ANSWERS)).toEqual({ ok: false, error: "ended" });
  });

  it("never touches the logon lockout", async () => {
    const before = await accountByAddress(ALICE);
    const { flowId, code } = await tenFailures();
    await enter(flowId, wrongCode(code));
    const after = await accountByAddress(ALICE);
    expect(after).toMatchObject({
      failedLogonCount: before.failedLogonCount,
      lastFailedLogonAt: before.lastFailedLogonAt,
      lockedUntil: null,
      lockCount: 0,
    });
    expect((await logOn({ kind: "mail", login: ALICE, password: DEMO.alice.password }, meta)).ok).toBe(true);
  });
});
