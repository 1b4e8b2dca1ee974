import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadMailUser } from "@/server/auth/load-session-account";
import { SECOND } from "@/server/clock";
import {
  confirmPostmasterMobileReset,
  getPendingPostmasterMobileReset,
  startPostmasterMobileReset,
} from "@/server/console/reset-postmaster-mobile";
import { getDb } from "@/server/db";
import { findRecoveryAccount, readRecoveryBlocks, recoveryMethods } from "@/server/recovery/internal/recovery-account";
import {
  accountByAddress,
  auditActions,
  freshDemo,
  meta,
  consoleOperator,
  sendReturnedNotice,
  sessionClaims,
  useFakeClock,
} from "../support/fixtures";
import { DEMO } from "../support/demo-accounts";

/**
 * Email Console > Email Services > Manage > Reset Secure Mobile
 * (src/server/console/reset-postmaster-mobile.ts): the owner operator, its
 * console password, a code to the new number, Submit.
 */
const PM = DEMO.postmaster.email;
const CONSOLE = DEMO.ops.password;
const NEW = "+14155550177";
const OLD = "+14155550166";

const ops = consoleOperator;
const domainId = async (name = "example.com") => (await getDb().domain.findUniqueOrThrow({ where: { name } })).id;
const start = async (over: Partial<Parameters<typeof startPostmasterMobileReset>[0]> = {}) =>
  startPostmasterMobileReset(
    { operator: await ops(), domainId: await domainId(), phone: NEW, country: "US", consolePassword: CONSOLE, ...over },
    meta,
  );
const confirm = async (code: string, operator?: Awaited<ReturnType<typeof ops>>) =>
  confirmPostmasterMobileReset({ operator: operator ?? (await ops()), domainId: await domainId(), code }, meta);
/** The code in the last SMS to `to` (the console provider keeps the text on a local run). */
const codeSentTo = async (to: string) =>
  (await getDb().smsMessage.findFirstOrThrow({ where: { to, purpose: "BIND_CODE" }, orderBy: { createdAt: "desc" } })).body.match(
    /\d{6}/,
  )![0];

let clock: ReturnType<typeof useFakeClock>;
beforeEach(async () => {
  await freshDemo();
  clock = useFakeClock();
  await getDb().mailAccount.update({ where: { address: PM }, data: { secureMobile: OLD, secureMobileVerifiedAt: new Date() } });
});
afterEach(() => vi.useRealTimers());

describe("Reset Secure Mobile (the cloud console)", () => {
  it("binds the new number after its code; the postmaster's sessions end; audited with the operator; the old number is told", async () => {
    const pm = await accountByAddress(PM);
    const session = await sessionClaims("mail", pm);
    expect(await start()).toEqual({ ok: true, maskedPhone: "+1 ••• ••• 0177", reauthenticated: true });
    expect((await accountByAddress(PM)).secureMobile).toBe(OLD); // nothing changes before the code
    const operator = await ops();
    expect(await getPendingPostmasterMobileReset({ operator, domainId: await domainId() }, meta)).toMatchObject({
      pending: { maskedPhone: "+1 ••• ••• 0177", state: "active" },
    });
    const code = await codeSentTo(NEW);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(await confirm(wrong)).toEqual({ ok: false, error: "wrong_code", attemptsLeft: 4 });
    const r = await confirm(code);
    expect(r).toMatchObject({ ok: true, postmaster: PM, maskedPhone: "+1 ••• ••• 0177" });
    expect(await accountByAddress(PM)).toMatchObject({ secureMobile: NEW, sessionVersion: pm.sessionVersion + 1 });
    expect(await loadMailUser(session)).toBeNull();
    const events = await auditActions({ action: "mobile.reset.console" });
    expect(events.map((e) => e.result)).toEqual(["FAILURE", "SUCCESS"]);
    expect(events[1]).toMatchObject({ actorKind: "CLOUD_ACCOUNT", actorLabel: DEMO.ops.email, targetId: pm.id });
    expect(events[1].detail).toMatchObject({ phone: "+1 ••• ••• 0177", previous: "+1 ••• ••• 0166", sessionsEnded: 1 });
    await sendReturnedNotice(r);
    const [notice] = await getDb().smsMessage.findMany({ where: { purpose: "MOBILE_NOTICE" } });
    expect(notice).toMatchObject({ to: OLD });
    expect(notice.body).toContain("was changed to +1 ••• ••• 0177");
    // Forgot Password now sends its codes to the new number.
    const methods = recoveryMethods((await findRecoveryAccount({ address: PM }))!, await readRecoveryBlocks(pm.id));
    expect(methods.sms).toBe(NEW);
    expect(await confirm(code)).toEqual({ ok: false, error: "no_pending" }); // used once
  });

  it("says every problem of step 1 at once; sends nothing until both the number and the console password are right", async () => {
    const r = await start({ phone: "12", consolePassword: "Wrong#Console1" });
    expect(r).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: { phone: [expect.anything()], consolePassword: [expect.anything()] },
    });
    expect(await start({ phone: OLD })).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: { phone: [{ key: "Console.mobile.errors.sameNumber" }] },
    });
    expect(await getDb().smsMessage.count()).toBe(0);
  });

  it("within 5 minutes of a confirmation the console password may be left empty; another send waits 60 s", async () => {
    expect(await start({ operator: await ops(undefined, Date.now()), consolePassword: "" })).toMatchObject({
      ok: true,
      reauthenticated: false,
    });
    expect(await start()).toMatchObject({ ok: false, error: "resend_wait" });
    clock.advance(60 * SECOND);
    expect(await start({ phone: "+14155550178" })).toMatchObject({ ok: true });
    expect(await getPendingPostmasterMobileReset({ operator: await ops(), domainId: await domainId() }, meta)).toMatchObject({
      pending: { maskedPhone: "+1 ••• ••• 0178" },
    });
  });

  it("an operator acts only on domains it owns: another's answers as missing and is audited; nothing is sent or changed", async () => {
    const other = await ops(DEMO.ops2.email);
    expect(await start({ operator: other, consolePassword: CONSOLE })).toEqual({ ok: false, error: "not_found" });
    expect(await confirm("123456", other)).toEqual({ ok: false, error: "not_found" });
    expect(await getDb().smsMessage.count()).toBe(0);
    expect((await accountByAddress(PM)).secureMobile).toBe(OLD);
    const refusals = await getDb().auditEvent.findMany({ where: { action: "access.refused", actorLabel: DEMO.ops2.email } });
    expect(refusals.length).toBeGreaterThanOrEqual(2);
  });

  it("the 5th wrong code voids it; an expired code is refused", async () => {
    await start();
    const code = await codeSentTo(NEW);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    for (let left = 4; left >= 1; left--) expect(await confirm(wrong)).toEqual({ ok: false, error: "wrong_code", attemptsLeft: left });
    expect(await confirm(wrong)).toEqual({ ok: false, error: "voided" });
    expect(await confirm(code)).toEqual({ ok: false, error: "voided" });
    clock.advance(60 * SECOND);
    await start();
    clock.advance(5 * 60 * SECOND + 1);
    expect(await confirm(await codeSentTo(NEW))).toEqual({ ok: false, error: "expired" });
    expect((await accountByAddress(PM)).secureMobile).toBe(OLD);
  });
});
