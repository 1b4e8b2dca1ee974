/**
 * One mailbox, strictly: `local@domain` and nothing else (RFC 5321's
 * Mailbox with a dot-atom local part and a host name). Mail libraries read
 * an address *list*: `boss,ceo@evil.test` is two recipients to nodemailer,
 * and `x@example.com>` a different address than it looks. So no display
 * name, no list, no comment, no angle brackets, no quotes, no whitespace,
 * no address literal ([1.2.3.4]).
 *
 * - Local part: dot-atom (no leading, trailing or double dot) over a sane
 *   ASCII set: letters, digits and `_ + - ' =` (what providers hand out,
 *   with tags and SRS). The rest of RFC 5322's atext is left out on purpose:
 *   `% ! /` are routing syntax to older relays (`a%evil.test@relay`), `|`
 *   and `` ` `` mean a program to some of them. At most 64 characters.
 * - Domain: at least two labels of letters, digits and inner hyphens (1–63
 *   each), the last alphabetic or punycode (`xn--…`), compared in lower
 *   case (RFC 5321's 255 for a domain is never reached under the 254 below). An internationalized domain is
 *   accepted in its ASCII form only (`xn--…`); typed in Unicode it is refused
 *   with its own message (the person can write the ASCII form; the look-alike
 *   letters of a Unicode domain never reach a message or the audit log).
 * - The whole address: at most 254 characters (RFC 5321's path of 256 less
 *   the brackets).
 */
export type MailboxError = "required" | "too_long" | "one_address" | "unicode_domain" | "invalid";

export type ParsedMailbox = { ok: true; address: string; local: string; domain: string } | { ok: false; error: MailboxError };

export const MAILBOX_MAX = 254;
const LOCAL_MAX = 64;

// What makes a string more (or other) than one bare address: list separators, display-name and
// comment syntax, quotes, route syntax, whitespace of any kind.
const LIST_SYNTAX = /[,;<>()[\]"\\:\s]/u;
const LOCAL_PART = /^[A-Za-z0-9_+'=-]+(?:\.[A-Za-z0-9_+'=-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;

export function parseMailbox(input: string): ParsedMailbox {
  if (input.length === 0) return { ok: false, error: "required" };
  if (input.length > MAILBOX_MAX) return { ok: false, error: "too_long" };
  if (LIST_SYNTAX.test(input)) return { ok: false, error: "one_address" };
  const at = input.lastIndexOf("@");
  if (at < 0) return { ok: false, error: "invalid" };
  const local = input.slice(0, at);
  const domain = input.slice(at + 1).toLowerCase();
  if (local.includes("@")) return { ok: false, error: "one_address" };
  if (local.length > LOCAL_MAX) return { ok: false, error: "too_long" };
  if (!LOCAL_PART.test(local)) return { ok: false, error: "invalid" };
  if (NON_ASCII.test(domain)) return { ok: false, error: "unicode_domain" };
  if (!isHostName(domain)) return { ok: false, error: "invalid" };
  return { ok: true, address: `${local}@${domain}`, local, domain };
}

function isHostName(domain: string): boolean {
  const labels = domain.split(".");
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TOP_LABEL.test(labels[labels.length - 1]);
}

/** The domain of an address (lower case), for comparing domains of addresses already checked. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}
