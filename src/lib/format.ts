/**
 * Dates as every page, export and message shows them: UTC, one unambiguous
 * zone for readers anywhere ("2026-11-24 21:05 UTC", the day "2026-11-24").
 */
export function formatUtc(d: Date, opts: { seconds?: boolean } = {}): string {
  return `${d
    .toISOString()
    .slice(0, opts.seconds ? 19 : 16)
    .replace("T", " ")} UTC`;
}

/** The day (UTC), for narrow columns and file names; the full time goes in a title. */
export function formatUtcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
