import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { maskPhone } from "@/lib/phone";
import { cancelMobileBinding } from "@/server/account-security/cancel-mobile-binding";
import { confirmMobileBinding } from "@/server/account-security/confirm-mobile-binding";
import { getAccountSecurity } from "@/server/account-security/get-account-security";
import { removeSecureMobile } from "@/server/account-security/remove-secure-mobile";
import { resendMobileBindingCode } from "@/server/account-security/resend-mobile-binding-code";
import { startMobileBinding, type StartMobileBindingInput } from "@/server/account-security/start-mobile-binding";
import { AuditAction } from "@/server/audit/audit-action";
import { HOUR, MINUTE, SECOND } from "@/server/clock";
import { getDb } from "@/server/db";
import { setSmsProviderForTests } from "@/server/sms/provider";
import { accountByAddress, auditActions, freshDemo, meta, useFakeClock } from "../support/fixtures";
import { codeDigest } from "../support/short-secret-digest";
import { DEMO } from "../support/demo-accounts";

const BOB = { address: DEMO.bob.email, password: DEMO.bob.password };
const ALICE = { address: DEMO.alice.email, password: DEMO.alice.password, mobile: DEMO.alice.mobile };
const NEW = "+14155550199";

async function start(address: string, over: Partial<StartMobileBindingInput> = {}) {
  const a = await accountByAddress(address);
  const password = address === ALICE.address ? ALICE.password : BOB.password;
  return startMobileBinding({ accountId: a.id, phone: "(415) 555-0199", country: "US", currentPassword: password, meta, ...over });
}

async function confirm(address: string, code: string) {
  return confirmMobileBinding({ accountId: (await accountByAddress(address)).id, code, meta });
}

/** The console provider keeps the real body outside production: read the code back from the SmsMessage table. */
async function lastCode(to: string): Promise<string> {
  const [m] = await getDb().smsMessage.findMany({ where: { to, purpose: "BIND_CODE" }, orderBy: { createdAt: "desc" }, take: 1 });
  const code = m?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code was sent to ${to}`);
  return code;
}

const sent = (to: string) => getDb().smsMessage.count({ where: { to, purpose: "BIND_CODE" } });
const pendingRow = async (address: string) =>
  getDb().verification.findUnique({
    where: { purpose_target: { purpose: "MOBILE_BINDING", target: (await accountByAddress(address)).id } },
    omit: { codeHash: false },
  });
const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

let clock: ReturnType<typeof useFakeClock>;
beforeEach(async () => {
  await freshDemo();
  clock = useFakeClock();
});
afterEach(() => {
  setSmsProviderForTests(undefined);
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("binding a secure mobile", () => {
  it("sends a code to the new number and binds it only after the right code", async () => {
    const r = await start(BOB.address);
    expect(r).toEqual({ ok: true, maskedPhone: "+1 ••• ••• 0199", codeExpiresAt: new Date(Date.now() + 5 * MINUTE) });
    const [sms] = await getDb().smsMessage.findMany({ where: { to: NEW } });
    expect(sms).toMatchObject({ purpose: "BIND_CODE", status: "SENT" });
    expect(sms.body).toMatch(/^Your Postkey verification code is \d{6}\. It expires in 5 minutes\./);
    const code = await lastCode(NEW);

    let bob = await accountByAddress(BOB.address);
    expect(bob.secureMobile).toBeNull();
    const row = await pendingRow(BOB.address);
    expect(row).toMatchObject({ destination: NEW, codeAttempts: 0, sendCount: 1 });
    expect(row!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.codeHash).not.toContain(code);

    clock.advance(30 * SECOND);
    expect(await confirm(BOB.address, code)).toEqual({ ok: true, maskedPhone: "+1 ••• ••• 0199", changed: false });
    bob = await accountByAddress(BOB.address);
    expect(bob.secureMobile).toBe(NEW);
    expect(bob.secureMobileVerifiedAt?.getTime()).toBe(Date.now());
    expect(await pendingRow(BOB.address)).toBeNull();
    // One use: the same code again finds nothing to check.
    expect(await confirm(BOB.address, code)).toEqual({ ok: false, error: "no_pending" });

    const [event] = await auditActions({ targetId: bob.id, action: AuditAction.mobileBound });
    expect(event).toMatchObject({ result: "SUCCESS", actorId: bob.id, domainId: bob.domainId, ip: meta.ip });
    expect(event.detail).toEqual({ phone: "+1 ••• ••• 0199", changed: false });
    expect(await getAccountSecurity({ accountId: bob.id })).toMatchObject({ mobile: { masked: "+1 ••• ••• 0199" }, pending: null });
  });

  it("changes a bound number: the old one stays until the new one is verified", async () => {
    expect((await start(ALICE.address)).ok).toBe(true);
    expect((await accountByAddress(ALICE.address)).secureMobile).toBe(ALICE.mobile);
    expect(await sent(ALICE.mobile)).toBe(0); // the code goes to the NEW number
    expect(await confirm(ALICE.address, await lastCode(NEW))).toMatchObject({ ok: true, changed: true });
    const alice = await accountByAddress(ALICE.address);
    expect(alice.secureMobile).toBe(NEW);
    const [event] = await auditActions({ targetId: alice.id, action: AuditAction.mobileBound });
    expect(event.detail).toEqual({ phone: "+1 ••• ••• 0199", previous: "+1 ••• ••• 0101", changed: true });
    // The old number is told it is no longer the secure mobile (no code, no full new number).
    const notices = await getDb().smsMessage.findMany({ where: { purpose: "MOBILE_NOTICE" } });
    expect(notices.map((n) => [n.to, n.body])).toEqual([
      [
        ALICE.mobile,
        expect.stringMatching(
          /^The secure mobile of alice@example\.com was changed to \+1 ••• ••• 0199 on .+ UTC\. If you did not do this, contact your administrator\. Not you\? Secure your account: https?:\/\/\S+\/not-me\/[\w-]{22}$/,
        ),
      ],
    ]);
  });

  it("reads national numbers with the chosen country; a +country code overrides it", async () => {
    expect(await start(BOB.address, { phone: "07400 123456", country: "GB" })).toMatchObject({ ok: true, maskedPhone: "+44 ••• ••• 3456" });
    expect(await sent("+447400123456")).toBe(1);
    clock.advance(MINUTE);
    expect(await start(BOB.address, { phone: "+49 1511 2345678", country: "US" })).toMatchObject({ ok: true });
    expect((await pendingRow(BOB.address))?.destination).toBe("+4915112345678");
  });

  it("refuses a wrong current password: nothing sent, nothing stored, audited without the password", async () => {
    const r = await start(BOB.address, { currentPassword: "Wrong#Password1" });
    expect(r).toEqual({ ok: false, error: "wrong_password" });
    expect(await sent(NEW)).toBe(0);
    expect(await pendingRow(BOB.address)).toBeNull();
    const bob = await accountByAddress(BOB.address);
    const [event] = await auditActions({ targetId: bob.id, action: AuditAction.mobileBound });
    expect(event).toMatchObject({ result: "FAILURE", detail: { reason: "wrong_password", phone: "+1 ••• ••• 0199" } });
    expect(JSON.stringify(event)).not.toContain("Wrong#Password1");
    expect(JSON.stringify(event)).not.toContain(NEW);
  });

  it.each([["hello"], ["555-0101"], ["+49 30 12345678"], ["+1 415 555 0101 ext. 5"], [""]])(
    "refuses the number %j with the field message",
    async (phone) => {
      const r = await start(BOB.address, { phone });
      expect(r).toEqual({ ok: false, error: "invalid_phone", message: { key: "Fields.errors.phoneInvalid" } });
      expect(await getDb().smsMessage.count()).toBe(0);
    },
  );

  it("refuses to re-bind the number already bound", async () => {
    expect(await start(ALICE.address, { phone: "+1 415 555 0101" })).toEqual({ ok: false, error: "same_number" });
    expect(await getDb().smsMessage.count()).toBe(0);
  });
});

describe("the binding code", () => {
  it("5 wrong entries void it: attempts are counted, then even the right code fails", async () => {
    await start(BOB.address);
    const code = await lastCode(NEW);
    for (let left = 4; left >= 1; left--)
      expect(await confirm(BOB.address, otherCode(code))).toEqual({ ok: false, error: "wrong_code", attemptsLeft: left });
    expect(await confirm(BOB.address, otherCode(code))).toEqual({ ok: false, error: "voided" });
    expect(await confirm(BOB.address, code)).toEqual({ ok: false, error: "voided" });
    expect(await pendingRow(BOB.address)).toMatchObject({ codeHash: null, codeAttempts: 5 });
    const bob = await accountByAddress(BOB.address);
    expect(bob.secureMobile).toBeNull();
    const failures = await auditActions({ targetId: bob.id, action: AuditAction.mobileBound });
    expect(failures.map((e) => (e.detail as { reason: string }).reason)).toEqual([
      "wrong_code",
      "wrong_code",
      "wrong_code",
      "wrong_code",
      "code_voided",
    ]);
    expect(JSON.stringify(failures)).not.toContain(code);
    expect((await getAccountSecurity({ accountId: bob.id }))?.pending).toMatchObject({ codeState: "voided", attemptsLeft: 0 });

    // A new code (after the 60 s wait) starts over.
    clock.advance(MINUTE);
    expect((await resendMobileBindingCode({ accountId: bob.id }, meta)).ok).toBe(true);
    expect(await confirm(BOB.address, await lastCode(NEW))).toMatchObject({ ok: true });
  });

  it("is valid at 4:59 after it was sent", async () => {
    await start(BOB.address);
    clock.advance(4 * MINUTE + 59 * SECOND);
    expect(await confirm(BOB.address, await lastCode(NEW))).toMatchObject({ ok: true });
  });

  it("is refused at 5:01, without counting an attempt", async () => {
    await start(BOB.address);
    clock.advance(5 * MINUTE + 1 * SECOND);
    expect(await confirm(BOB.address, await lastCode(NEW))).toEqual({ ok: false, error: "expired" });
    expect(await pendingRow(BOB.address)).toMatchObject({ codeAttempts: 0 });
    expect((await accountByAddress(BOB.address)).secureMobile).toBeNull();
    expect((await getAccountSecurity({ accountId: (await accountByAddress(BOB.address)).id }))?.pending).toMatchObject({
      codeState: "expired",
    });
  });

  it("can be resent after 60 s, not at 59 s; the new code voids the old one", async () => {
    const bob = await accountByAddress(BOB.address);
    await start(BOB.address);
    const first = await lastCode(NEW);
    clock.advance(59 * SECOND);
    expect(await resendMobileBindingCode({ accountId: bob.id }, meta)).toEqual({ ok: false, error: "resend_wait", waitMs: 1000 });
    expect(await start(BOB.address, { phone: "+1 415 555 0198" })).toEqual({ ok: false, error: "resend_wait", waitMs: 1000 });
    expect(await sent(NEW)).toBe(1);
    clock.advance(1 * SECOND);
    expect(await resendMobileBindingCode({ accountId: bob.id }, meta)).toMatchObject({ ok: true, maskedPhone: "+1 ••• ••• 0199" });
    expect(await sent(NEW)).toBe(2);
    clock.advance(1 * SECOND);
    let second = await lastCode(NEW);
    // A random code repeats the first one time in a million, which could not show the first is void: resend then.
    while (second === first) {
      clock.advance(MINUTE);
      expect((await resendMobileBindingCode({ accountId: bob.id }, meta)).ok).toBe(true);
      second = await lastCode(NEW);
    }
    const row = await pendingRow(BOB.address);
    expect(row).toMatchObject({ destination: NEW, codeHash: codeDigest(row!, second) });
    expect(await confirm(BOB.address, first)).toEqual({ ok: false, error: "wrong_code", attemptsLeft: 4 });
    expect(await confirm(BOB.address, second)).toMatchObject({ ok: true });
    expect(await pendingRow(BOB.address)).toBeNull();
  });

  it("is sent at most 5 times an hour per account (bindSmsByAccount)", async () => {
    const bob = await accountByAddress(BOB.address);
    for (let i = 0; i < 5; i++) {
      expect((await start(BOB.address, { phone: `+1 415 555 01${10 + i}` })).ok).toBe(true);
      clock.advance(MINUTE);
    }
    const refused = await start(BOB.address, { phone: "+1 415 555 0120" });
    expect(refused).toMatchObject({ ok: false, error: "rate_limited" });
    expect(await resendMobileBindingCode({ accountId: bob.id }, meta)).toMatchObject({ ok: false, error: "rate_limited" });
    expect(await sent("+14155550120")).toBe(0);
    clock.advance(HOUR);
    expect((await start(BOB.address, { phone: "+1 415 555 0120" })).ok).toBe(true);
  });

  it("a failed send leaves no code and no wait behind", async () => {
    setSmsProviderForTests({ name: "twilio", send: async () => ({ ok: false, errorCode: "21614", retryable: false }) });
    expect(await start(BOB.address)).toEqual({ ok: false, error: "send_failed" });
    expect(await pendingRow(BOB.address)).toBeNull();
    setSmsProviderForTests(undefined);
    expect((await start(BOB.address)).ok).toBe(true);
  });

  it("a failed resend puts the previous code back, and a new one may be sent at once", async () => {
    const bob = await accountByAddress(BOB.address);
    await start(BOB.address);
    const before = await pendingRow(BOB.address);
    clock.advance(MINUTE);
    setSmsProviderForTests({ name: "twilio", send: async () => ({ ok: false, errorCode: "provider_error", retryable: true }) });
    expect(await resendMobileBindingCode({ accountId: bob.id }, meta)).toEqual({ ok: false, error: "send_failed" });
    expect(await pendingRow(BOB.address)).toMatchObject({
      destination: NEW,
      codeHash: before!.codeHash,
      codeSentAt: before!.codeSentAt,
      sendCount: 1,
    });
    expect((await getAccountSecurity({ accountId: bob.id }))?.pending).toMatchObject({
      codeState: "active",
      resendWaitMs: 0,
      canResend: true,
    });
    setSmsProviderForTests(undefined);
    clock.advance(SECOND); // not needed by the rule; keeps the messages' createdAt apart for lastCode()
    expect((await resendMobileBindingCode({ accountId: bob.id }, meta)).ok).toBe(true);
    expect(await confirm(BOB.address, await lastCode(NEW))).toMatchObject({ ok: true });
  });

  it("cannot be resent once the binding is 30 minutes old: the number and password are asked again", async () => {
    const bob = await accountByAddress(BOB.address);
    await start(BOB.address);
    clock.advance(30 * MINUTE + SECOND);
    expect(await resendMobileBindingCode({ accountId: bob.id }, meta)).toEqual({ ok: false, error: "no_pending" });
    expect((await getAccountSecurity({ accountId: bob.id }))?.pending).toBeNull();
    expect((await start(BOB.address)).ok).toBe(true);
  });

  it("is checked only for the account it was sent for", async () => {
    await start(BOB.address);
    const code = await lastCode(NEW);
    expect(await confirm(ALICE.address, code)).toEqual({ ok: false, error: "no_pending" });
    expect((await accountByAddress(ALICE.address)).secureMobile).toBe(ALICE.mobile);
  });
});

describe("concurrent requests", () => {
  it("two quick clicks on Send code send one SMS", async () => {
    const results = await Promise.all([start(BOB.address), start(BOB.address)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "resend_wait", waitMs: 60_000 }]);
    expect(await sent(NEW)).toBe(1);
  });

  it("parallel wrong codes are all counted and void the code at the 5th", async () => {
    await start(BOB.address);
    const code = await lastCode(NEW);
    const results = await Promise.all(Array.from({ length: 7 }, () => confirm(BOB.address, otherCode(code))));
    expect(results.filter((r) => !r.ok && r.error === "wrong_code")).toHaveLength(4);
    expect(results.filter((r) => !r.ok && r.error === "voided")).toHaveLength(3);
    expect(await pendingRow(BOB.address)).toMatchObject({ codeAttempts: 5, codeHash: null });
    expect(await confirm(BOB.address, code)).toEqual({ ok: false, error: "voided" });
  });
});

describe("cancelling and removing", () => {
  it("cancel drops the pending number and keeps the bound one", async () => {
    const alice = await accountByAddress(ALICE.address);
    await start(ALICE.address);
    expect(await cancelMobileBinding({ accountId: alice.id })).toEqual({ ok: true });
    expect(await pendingRow(ALICE.address)).toBeNull();
    expect((await accountByAddress(ALICE.address)).secureMobile).toBe(ALICE.mobile);
    expect(await cancelMobileBinding({ accountId: alice.id })).toEqual({ ok: false, error: "no_pending" });
  });

  it("remove needs the current password, then unbinds and audits the masked number", async () => {
    const alice = await accountByAddress(ALICE.address);
    await start(ALICE.address);
    expect(await removeSecureMobile({ accountId: alice.id, currentPassword: "Wrong#Password1", meta })).toEqual({
      ok: false,
      error: "wrong_password",
    });
    expect((await accountByAddress(ALICE.address)).secureMobile).toBe(ALICE.mobile);
    expect(await removeSecureMobile({ accountId: alice.id, currentPassword: ALICE.password, meta })).toEqual({ ok: true });
    const after = await accountByAddress(ALICE.address);
    expect(after.secureMobile).toBeNull();
    expect(after.secureMobileVerifiedAt).toBeNull();
    expect(await pendingRow(ALICE.address)).toBeNull();
    const events = await auditActions({ targetId: alice.id, action: AuditAction.mobileRemoved });
    expect(events.map((e) => [e.result, e.detail])).toEqual([
      ["FAILURE", { reason: "wrong_password" }],
      ["SUCCESS", { phone: maskPhone(ALICE.mobile) }],
    ]);
    expect(JSON.stringify(events)).not.toContain(ALICE.mobile);
    const notices = await getDb().smsMessage.findMany({ where: { purpose: "MOBILE_NOTICE" } });
    expect(notices.map((n) => [n.to, n.body])).toEqual([
      [ALICE.mobile, expect.stringContaining("The secure mobile of alice@example.com was removed on ")],
    ]);
    expect(await removeSecureMobile({ accountId: alice.id, currentPassword: ALICE.password, meta })).toEqual({
      ok: false,
      error: "not_bound",
    });
  });
});

describe("audit events of a binding", () => {
  it("never hold the code or the full number", async () => {
    const bob = await accountByAddress(BOB.address);
    await start(BOB.address);
    const code = await lastCode(NEW);
    await confirm(BOB.address, otherCode(code));
    await confirm(BOB.address, code);
    const all = JSON.stringify(await auditActions({ targetId: bob.id }));
    expect(all).toContain(AuditAction.smsSent);
    expect(all).toContain(AuditAction.mobileBound);
    expect(all).not.toContain(code);
    expect(all).not.toContain(otherCode(code));
    expect(all).not.toContain(NEW);
  });
});
