import { HOUR, MINUTE } from "@/server/clock";

/** Session kinds and their limits (SECURITY.md "Sessions"). Pure: shared by proxy.ts and the guards. */
export type SessionKind = "mail" | "console";

export interface SessionData {
  accountId?: string;
  /** The Session row of this logon (revoked on Log Off, "log off other sessions", sign-out everywhere). */
  sessionId?: string;
  version?: number;
  loggedInAt?: number;
  lastSeenAt?: number;
  /** Console only: when the operator last re-entered its console password. */
  reauthAt?: number;
}

export const SESSION_POLICY = {
  mail: { cookieName: "postkey_mail", sameSite: "lax", idleMs: 30 * MINUTE, maxAgeMs: 12 * HOUR },
  console: { cookieName: "postkey_console", sameSite: "strict", idleMs: 15 * MINUTE, maxAgeMs: 8 * HOUR },
} as const;

/** Refresh lastSeenAt at most this often, so not every request rewrites the cookie. */
export const TOUCH_INTERVAL_MS = MINUTE;

export type SessionCheck = { ok: true } | { ok: false; reason: "none" | "idle" | "expired" | "version" | "disabled" | "revoked" };

/** Claims with every field a logon seals: what checkSessionTime lets through. */
export type WholeSessionData = SessionData &
  Required<Pick<SessionData, "accountId" | "sessionId" | "version" | "loggedInAt" | "lastSeenAt">>;

/** checkSessionTime's answer: when ok, the same claims typed whole, so a caller needs no second check. */
export type SessionTimeCheck = { ok: true; data: WholeSessionData } | Extract<SessionCheck, { ok: false }>;

/** What the server knows of one logon: its Session row and the account it belongs to. */
export interface SessionRecordState {
  accountId: string;
  revoked: boolean;
  sessionVersion: number;
  active: boolean;
}

const isWhole = (data: SessionData): data is WholeSessionData =>
  !!data.accountId && !!data.sessionId && data.version !== undefined && !!data.loggedInAt && !!data.lastSeenAt;

/**
 * The clock's part of the check, without the database: whole claims, within
 * the maximum age and the idle limit. The proxy slides a cookie only when
 * this holds (a session past either limit is never re-sealed).
 */
export function checkSessionTime(kind: SessionKind, data: SessionData, nowMs: number): SessionTimeCheck {
  const policy = SESSION_POLICY[kind];
  if (!isWhole(data)) return { ok: false, reason: "none" };
  if (nowMs - data.loggedInAt > policy.maxAgeMs) return { ok: false, reason: "expired" };
  if (nowMs - data.lastSeenAt > policy.idleMs) return { ok: false, reason: "idle" };
  return { ok: true, data };
}

/** Decides whether sealed claims are still good against the session's row and the account's current row. */
export function checkSessionClaims(kind: SessionKind, data: SessionData, record: SessionRecordState | null, nowMs: number): SessionCheck {
  const timed = checkSessionTime(kind, data, nowMs);
  if (!timed.ok) return timed;
  if (!record || record.accountId !== data.accountId) return { ok: false, reason: "none" };
  if (record.revoked) return { ok: false, reason: "revoked" };
  const account = record;
  if (!account.active) return { ok: false, reason: "disabled" };
  if (account.sessionVersion !== data.version) return { ok: false, reason: "version" };
  return { ok: true };
}
