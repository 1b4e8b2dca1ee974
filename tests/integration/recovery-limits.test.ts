import { describe, expect, it } from "vitest";
import { logOn } from "@/server/auth/log-on";
import { MINUTE, SECOND } from "@/server/clock";
import { getRecoveryState } from "@/server/recovery/get-recovery-state";
import { accountByAddress, auditActions, meta } from "../support/fixtures";
import { ALICE, ALICE_ANSWERS, answer, enter, failures, flowRow, send, sendCode, start, startFlow, useRecoveryTestEnv, wrongCode, WRONG_ANSWERS } from "./recovery-helpers";

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
    expect(await getRecoveryState(flowId)).toEqual({ step: "account", notice: "unavailable" });
    const blocks = (await auditActions({ action: "recovery.method_blocked" })).map((e) => (e.detail as { method: string }).method);
    expect(blocks.sort()).toEqual(["ALL", "QUESTIONS"]);

    expect(await start(ALICE)).toEqual({ ok: false, error: "unavailable" });
    clock.advance(59 * MINUTE);
    expect(await start(ALICE)).toEqual({ ok: false, error: "unavailable" });
    clock.advance(MINUTE + SECOND);
    const again = await startFlow(ALICE);
    expect((await send(again)).ok).toBe(true);
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
    expect(after).toMatchObject({ failedLogonCount: before.failedLogonCount, lastFailedLogonAt: before.lastFailedLogonAt, lockedUntil: null, lockCount: 0 });
    expect((await logOn("mail", { login: ALICE, password: "Blue#Harbor2026" }, meta)).ok).toBe(true);
  });
});
