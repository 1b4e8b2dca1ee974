import type { Formats } from "next-intl";

/**
 * How dates and numbers read in each language (next-intl's `format.dateTime(d, "stamp")`).
 * Times are UTC on every page, with the zone named, so readers anywhere agree.
 */
export const TIME_ZONE = "UTC";

export const formats = {
  dateTime: {
    /** "Nov 24, 2026, 21:05 UTC" / "2026年11月24日 UTC 21:05" */
    stamp: { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" },
    /** With seconds, for the audit log. */
    precise: {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    },
    /** "Nov 24, 2026" / "2026年11月24日" */
    day: { year: "numeric", month: "short", day: "numeric" },
  },
  number: {
    integer: { maximumFractionDigits: 0 },
  },
} satisfies Formats;
