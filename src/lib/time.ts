/** Durations in milliseconds (pure: the browser's countdowns and the server's expiries share them). */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
