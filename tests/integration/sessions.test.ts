import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { endMySessions } from "@/server/account-security/end-my-sessions";
import { resetEmployeePassword } from "@/server/admin/reset-employee-password";
import { signOutEverywhere } from "@/server/admin/sign-out-everywhere";
import { loadMailUser, loadOperator } from "@/server/auth/load-session-account";
import { listLiveSessions, revokeSessionRecord } from "@/server/auth/session-store";
import { MINUTE, SECOND } from "@/server/clock";
import { getDb } from "@/server/db";
import {
  accountByAddress,
  auditActions,
  freshDemo,
  meta,
  operatorByEmail,
  otherMeta,
  sessionClaims,
  useFakeClock,
} from "../support/fixtures";
import { postmasterFor } from "../support/postmaster";
import { resolvePostmaster } from "@/server/admin/postmaster";
import { DEMO } from "../support/demo-accounts";

/**
 * Sessions (SECURITY.md "Sessions"): one Session row per logon,
 * checked on every request beside the sealed cookie, so Log Off and
 * "log off other sessions" end a session on the server, not just in one browser.
 */
const ALICE = DEMO.alice.email;

describe("Session rows", () => {
  let clock: ReturnType<typeof useFakeClock>;
  beforeEach(async () => {
    await freshDemo();
    clock = useFakeClock();
  });
  afterEach(() => vi.useRealTimers());

  it("Log Off revokes the row: a copy of the cookie replayed afterwards opens nothing", async () => {
    const alice = await accountByAddress(ALICE);
    const cookie = await sessionClaims("mail", alice);
    expect(await loadMailUser(cookie)).toMatchObject({ address: ALICE, sessionId: cookie.sessionId });
    await revokeSessionRecord({ sessionId: cookie.sessionId, reason: "logout" });
    expect(await loadMailUser(cookie)).toBeNull();
    expect(await getDb().session.findUniqueOrThrow({ where: { id: cookie.sessionId } })).toMatchObject({ revokedReason: "logout" });
  });

  it("a session opens only its own account and kind", async () => {
    const alice = await accountByAddress(ALICE);
    const bob = await accountByAddress(DEMO.bob.email);
    const cookie = await sessionClaims("mail", alice);
    expect(await loadMailUser({ ...cookie, accountId: bob.id })).toBeNull();
    expect(await loadOperator(cookie)).toBeNull();
    const op = await operatorByEmail(DEMO.ops.email);
    const consoleCookie = await sessionClaims("console", op);
    expect(await loadOperator(consoleCookie)).toMatchObject({ email: DEMO.ops.email });
    expect(await loadMailUser(consoleCookie)).toBeNull();
    expect(await loadMailUser({ ...cookie, sessionId: "made-up-session-id" })).toBeNull();
  });

  it("lists the live sessions: not revoked, not from before a reset, not idle or too old; lastSeenAt moves at most once a minute", async () => {
    const alice = await accountByAddress(ALICE);
    const a = await sessionClaims("mail", alice, meta);
    const b = await sessionClaims("mail", alice, otherMeta);
    const gone = await sessionClaims("mail", alice);
    await revokeSessionRecord({ sessionId: gone.sessionId, reason: "logout" });
    expect((await listLiveSessions("mail", alice.id, alice.sessionVersion)).map((s) => s.id).sort()).toEqual(
      [a.sessionId, b.sessionId].sort(),
    );

    clock.advance(30 * SECOND);
    await loadMailUser({ ...a, lastSeenAt: Date.now() });
    const rowA = () => getDb().session.findUniqueOrThrow({ where: { id: a.sessionId } });
    expect((await rowA()).lastSeenAt.getTime()).toBe((await rowA()).createdAt.getTime());
    clock.advance(31 * SECOND);
    await loadMailUser({ ...a, lastSeenAt: Date.now() });
    expect((await rowA()).lastSeenAt.getTime()).toBe(Date.now());

    // b has been idle past 30 minutes (+ the minute the row may lag): no longer listed.
    clock.advance(31 * MINUTE);
    await loadMailUser({ ...a, lastSeenAt: Date.now() });
    expect((await listLiveSessions("mail", alice.id, alice.sessionVersion)).map((s) => s.id)).toEqual([a.sessionId]);
    // A password reset ends them all.
    expect(await listLiveSessions("mail", alice.id, alice.sessionVersion + 1)).toEqual([]);
  });
});

describe("Account Security > Sessions: an employee ends its other sessions", () => {
  beforeEach(freshDemo);

  it("ends one other session, or all others; never this browser's, never another account's", async () => {
    const alice = await accountByAddress(ALICE);
    const here = await sessionClaims("mail", alice);
    const laptop = await sessionClaims("mail", alice, otherMeta);
    const phone = await sessionClaims("mail", alice, otherMeta);
    const bobs = await sessionClaims("mail", await accountByAddress(DEMO.bob.email));
    const caller = { accountId: alice.id, address: ALICE, domainId: alice.domainId, currentSessionId: here.sessionId };

    expect(await endMySessions({ caller: caller, which: { sessionId: bobs.sessionId } }, meta)).toEqual({ ok: false, error: "not_found" });
    expect(await loadMailUser(bobs)).not.toBeNull();
    expect(await endMySessions({ caller: caller, which: { sessionId: here.sessionId } }, meta)).toEqual({ ok: false, error: "current" });

    expect(await endMySessions({ caller: caller, which: { sessionId: laptop.sessionId } }, meta)).toEqual({
      ok: true,
      ended: 1,
      untrusted: 0,
    });
    expect(await loadMailUser(laptop)).toBeNull();
    expect(await loadMailUser(phone)).not.toBeNull();

    expect(await endMySessions({ caller: caller, which: "all_others" }, meta)).toEqual({ ok: true, ended: 1, untrusted: 0 });
    expect(await loadMailUser(phone)).toBeNull();
    expect(await loadMailUser(here)).not.toBeNull();
    const events = await auditActions({ action: "sessions.ended" });
    expect(events.map((e) => (e.detail as { scope: string }).scope)).toEqual(["one", "all_others"]);
  });
});

describe("Edit Account > Sign out everywhere (postmaster)", () => {
  beforeEach(freshDemo);
  const pmOf = async (address: string) => (await accountByAddress(address)).id;
  const as = async (address: string) => postmasterFor(await pmOf(address));

  it("ends every session of an employee at once, audited with the postmaster as actor", async () => {
    const alice = await accountByAddress(ALICE);
    const s1 = await sessionClaims("mail", alice);
    const s2 = await sessionClaims("mail", alice, otherMeta);
    expect(await signOutEverywhere({ postmaster: await as(DEMO.postmaster.email), accountId: alice.id }, meta)).toMatchObject({
      ok: true,
      address: ALICE,
    });
    expect(await loadMailUser(s1)).toBeNull();
    expect(await loadMailUser(s2)).toBeNull();
    expect((await accountByAddress(ALICE)).sessionVersion).toBe(alice.sessionVersion + 1);
    const [event] = await auditActions({ action: "sessions.ended", targetId: alice.id });
    expect(event).toMatchObject({ actorLabel: DEMO.postmaster.email, result: "SUCCESS", detail: { scope: "all", ended: 2 } });
  });

  it("refuses another domain's account (as if missing), its own account, another postmaster, and an employee as the caller", async () => {
    const alice = await accountByAddress(ALICE);
    const s = await sessionClaims("mail", alice);
    expect(await signOutEverywhere({ postmaster: await as(DEMO.orgPostmaster.email), accountId: alice.id }, meta)).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await resolvePostmaster(await pmOf(DEMO.bob.email), "sessions.sign_out_everywhere", meta)).toEqual({
      ok: false,
      error: "forbidden",
    });
    const pm = await pmOf(DEMO.postmaster.email);
    expect(await signOutEverywhere({ postmaster: await postmasterFor(pm), accountId: pm }, meta)).toEqual({
      ok: false,
      error: "own_account",
    });
    expect(await loadMailUser(s)).not.toBeNull();
    const reasons = (await auditActions({ action: "access.refused" })).map((e) => (e.detail as { reason: string }).reason);
    expect(reasons).toEqual(["other_domain", "not_postmaster", "own_account"]);
  });

  it("the postmaster's Reset Password refuses every postmaster account, not only its own", async () => {
    const db = getDb();
    const pm = await accountByAddress(DEMO.postmaster.email);
    await db.mailAccount.update({ where: { address: DEMO.dan.email }, data: { role: "POSTMASTER" } });
    const dan = await accountByAddress(DEMO.dan.email);
    const input = {
      postmaster: await postmasterFor(pm.id),
      accountId: dan.id,
      password: "Fresh#Harbor2027",
      confirmPassword: "Fresh#Harbor2027",
      mustChangePassword: true,
    };
    expect(await resetEmployeePassword(input, meta)).toEqual({ ok: false, error: "postmaster_account" });
    expect((await accountByAddress(DEMO.dan.email)).sessionVersion).toBe(dan.sessionVersion);
    expect(await signOutEverywhere({ postmaster: await postmasterFor(pm.id), accountId: dan.id }, meta)).toEqual({
      ok: false,
      error: "postmaster_account",
    });
  });
});
