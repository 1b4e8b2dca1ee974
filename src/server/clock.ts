/**
 * The one source of "now" for every expiry and window. Tests move it with
 * vitest's fake Date (vi.setSystemTime), which also moves the rate limiter.
 */
export function now(): Date {
  return new Date();
}

export { DAY, HOUR, MINUTE, SECOND } from "@/lib/time";

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}
