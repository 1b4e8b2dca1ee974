import { HOUR, MINUTE } from "@/server/clock";

/** SECURITY.md "Logon": 10 consecutive failures lock 15 min, doubling per further lock, at most 24 h. */
export const LOCK_AFTER_FAILURES = 10;
const FIRST_LOCK_MS = 15 * MINUTE;
const MAX_LOCK_MS = 24 * HOUR;

export function lockDurationMs(previousLocks: number): number {
  return Math.min(FIRST_LOCK_MS * 2 ** Math.min(previousLocks, 20), MAX_LOCK_MS);
}

export function isLocked(lockedUntil: Date | null, at: Date): boolean {
  return !!lockedUntil && lockedUntil.getTime() > at.getTime();
}
