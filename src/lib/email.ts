/**
 * Second-level labels that registries sell names under (example.co.uk,
 * 163.com.cn, naver.ac.kr): under a two-letter country domain these stay
 * readable with it. A short list on purpose, not the Public Suffix List: a
 * suffix missed here is only masked more (s•••.uk), never less.
 */
const SECOND_LEVEL = new Set(["ac", "co", "com", "edu", "gen", "go", "gob", "gov", "ltd", "mil", "ne", "net", "or", "org", "plc"]);

/** How many trailing labels are the public suffix: the last, or the last two (co.uk). */
function suffixLength(labels: string[]): number {
  const [secondLast, last] = labels.slice(-2);
  return labels.length >= 3 && last.length === 2 && SECOND_LEVEL.has(secondLast) ? 2 : 1;
}

/**
 * An email address as the pages and logs show it: the first character of
 * the local part and of the domain, then dots, and the public suffix
 * (alice@gmail.com → a•••@g•••.com, li@example.co.uk → l•••@e•••.co.uk).
 * The owner recognises which address it is; anyone else who reaches the
 * page (Forgot Password after one captcha) learns neither the name nor the
 * provider.
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return "•••";
  const labels = address.slice(at + 1).split(".");
  const keep = suffixLength(labels);
  const suffix = labels.length > keep ? `.${labels.slice(-keep).join(".")}` : "";
  return `${address[0]}•••@${labels[0][0] ?? ""}•••${suffix}`;
}
