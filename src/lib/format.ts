/**
 * Dates as data rather than as text for a reader: UTC, one unambiguous zone
 * ("2026-11-24 21:05 UTC", the day "2026-11-24"). The audit log's CSV export
 * names its file with the day. Pages say dates in the reader's language with
 * next-intl instead (`getFormatter().dateTime(d, "stamp" | "precise" | "day")`).
 */
export function formatUtc(d: Date, opts: { seconds?: boolean } = {}): string {
  return `${d
    .toISOString()
    .slice(0, opts.seconds ? 19 : 16)
    .replace("T", " ")} UTC`;
}

/** The day (UTC): the CSV export's file name. */
export function formatUtcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
