/**
 * The one source of "now" for every expiry and window. Tests move it with
 * vitest's fake Date (vi.setSystemTime), which also moves the rate limiter.
 */
export function now(): Date {
  return new Date();
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}
