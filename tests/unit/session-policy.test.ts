import { describe, expect, it } from "vitest";
import { HOUR, MINUTE } from "@/server/clock";
import { checkSessionClaims, SESSION_POLICY } from "@/server/auth/session-policy";
import { lockDurationMs } from "@/server/auth/lockout";

const t0 = Date.UTC(2026, 10, 24, 12);
const live = { accountId: "a", revoked: false, sessionVersion: 3, active: true };
const claims = (over: object = {}) => ({ accountId: "a", sessionId: "s", version: 3, loggedInAt: t0, lastSeenAt: t0, ...over });

describe("session claims (SECURITY.md Sessions)", () => {
  it.each([
    ["mail", 30 * MINUTE, 12 * HOUR],
    ["console", 15 * MINUTE, 8 * HOUR],
  ] as const)("%s: idle limit and absolute age at their boundaries", (kind, idle, age) => {
    expect(checkSessionClaims(kind, claims(), live, t0 + idle)).toEqual({ ok: true });
    expect(checkSessionClaims(kind, claims(), live, t0 + idle + 1)).toEqual({ ok: false, reason: "idle" });
    const active = claims({ lastSeenAt: t0 + age - 1000 });
    expect(checkSessionClaims(kind, active, live, t0 + age)).toEqual({ ok: true });
    expect(checkSessionClaims(kind, active, live, t0 + age + 1)).toEqual({ ok: false, reason: "expired" });
  });

  it("rejects a version mismatch (password changed elsewhere), a disabled or vanished account, and empty claims", () => {
    expect(checkSessionClaims("mail", claims(), { ...live, sessionVersion: 4 }, t0)).toEqual({ ok: false, reason: "version" });
    expect(checkSessionClaims("mail", claims(), { ...live, active: false }, t0)).toEqual({ ok: false, reason: "disabled" });
    expect(checkSessionClaims("mail", claims(), null, t0)).toEqual({ ok: false, reason: "none" });
    expect(checkSessionClaims("mail", {}, live, t0)).toEqual({ ok: false, reason: "none" });
  });

  it("rejects a revoked session (Log Off), a session of another account, and claims without a session id", () => {
    expect(checkSessionClaims("mail", claims(), { ...live, revoked: true }, t0)).toEqual({ ok: false, reason: "revoked" });
    expect(checkSessionClaims("mail", claims(), { ...live, accountId: "b" }, t0)).toEqual({ ok: false, reason: "none" });
    expect(checkSessionClaims("mail", claims({ sessionId: undefined }), live, t0)).toEqual({ ok: false, reason: "none" });
  });

  it("uses SameSite=Lax for mail and Strict for the console", () => {
    expect(SESSION_POLICY.mail.sameSite).toBe("lax");
    expect(SESSION_POLICY.console.sameSite).toBe("strict");
    expect(SESSION_POLICY.mail.cookieName).not.toBe(SESSION_POLICY.console.cookieName);
  });
});

describe("lockout duration", () => {
  it.each([
    [0, 15 * MINUTE],
    [1, 30 * MINUTE],
    [2, 60 * MINUTE],
    [6, 16 * HOUR],
    [7, 24 * HOUR],
    [50, 24 * HOUR],
  ])("after %i earlier locks: %i ms", (locks, ms) => {
    expect(lockDurationMs(locks)).toBe(ms);
  });
});
