import { MINUTE } from "@/server/clock";

/**
 * SECURITY.md "Administration": the operator re-enters its console password
 * to reset a postmaster, and that confirmation counts for 5 minutes, so an
 * unattended console cannot be used to take over a domain. Pure: the pages
 * use it for the hint, the domain functions for the decision.
 */
const REAUTH_WINDOW_MS = 5 * MINUTE;

/** True while a confirmation made at `reauthAt` still counts (the 5-minute boundary included). */
export function isReauthFresh(reauthAt: number | null | undefined, nowMs: number): boolean {
  if (!reauthAt || reauthAt > nowMs) return false;
  return nowMs - reauthAt <= REAUTH_WINDOW_MS;
}

/** Whole minutes (rounded up) left in the window; 0 when it is not fresh. */
export function reauthMinutesLeft(reauthAt: number | null | undefined, nowMs: number): number {
  return isReauthFresh(reauthAt, nowMs) ? Math.max(1, Math.ceil((reauthAt! + REAUTH_WINDOW_MS - nowMs) / MINUTE)) : 0;
}
