// Password policy (../shared/SECURITY.md "Passwords", and the seed article).
// Pure and isomorphic: the browser runs it for the live checklist and the
// server runs the very same function on every path that sets a password.

import { msg, type MessageRef } from "@/lib/message-ref";

export const MAX_PASSWORD_INPUT_BYTES = 1024;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 64;

export type ViolationCode = "too_long_input" | "length" | "charset" | "classes" | "contains_address" | "weak_keyword" | "common";

export interface PolicyContext {
  email?: string | null;
  weakKeywords?: readonly string[];
  /** null/undefined = not loaded yet: the common rule is reported as pending, not passed. */
  commonPasswords?: ReadonlySet<string> | null;
}
export interface RuleStatus {
  code: RuleCode;
  state: "pass" | "fail" | "pending";
}
export interface Violation {
  code: ViolationCode;
  /** The refusal, as a catalog key ("Password.violations.<code>") and its values. */
  message: MessageRef;
}
export interface PolicyResult {
  ok: boolean;
  violations: Violation[];
  rules: RuleStatus[];
}

export type RuleCode = Exclude<ViolationCode, "too_long_input">;

/** Checklist rows, in display order; each is "Password.rules.<code>" in the catalogs (the seed article's wording). */
export const RULE_ORDER: readonly RuleCode[] = ["length", "charset", "classes", "contains_address", "weak_keyword", "common"];

/** The refusal of a rule, as a catalog reference ({min}, {max} and the keyword are values). */
function violation(code: ViolationCode, keyword?: string): Violation {
  const values: Record<string, string | number> = { min: PASSWORD_MIN, max: PASSWORD_MAX };
  if (keyword !== undefined) values.keyword = keyword;
  return { code, message: msg(`Password.violations.${code}`, values) };
}

/** UTF-8 length without allocating; lone surrogates count 3 bytes, as TextEncoder writes U+FFFD. */
function utf8Bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

const SUBSTITUTIONS: Readonly<Record<string, string>> = {
  "0": "o",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
  "!": "i",
};

/**
 * Lower-cased forms to compare against keywords and the common list: as typed,
 * and with leetspeak undone. "1" stands for both "l" and "i", so both are tried.
 */
export function normalizedForms(s: string): string[] {
  const lower = s.toLowerCase();
  const base = Array.from(lower, (c) => SUBSTITUTIONS[c] ?? c).join("");
  return [...new Set([lower, base.replaceAll("1", "l"), base.replaceAll("1", "i")])];
}

function classCount(pw: string): number {
  // Special = ASCII punctuation: 33-47, 58-64, 91-96, 123-126.
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[!-/:-@[-`{-~]/];
  return classes.filter((re) => re.test(pw)).length;
}

function containsAddress(lowerPw: string, email: string | null | undefined): boolean {
  const addr = email?.trim().toLowerCase();
  if (!addr) return false;
  if (lowerPw.includes(addr)) return true;
  const at = addr.lastIndexOf("@");
  const local = at > 0 ? addr.slice(0, at) : "";
  // Short local parts ("jo") would forbid too many ordinary passwords.
  return [...local].length >= 3 && lowerPw.includes(local);
}

function findWeakKeyword(pw: string, keywords: readonly string[] | undefined): string | null {
  if (!keywords?.length) return null;
  const pwForms = normalizedForms(pw);
  for (const kw of keywords) {
    // Normalize the keyword too, so a keyword "p@ss" also catches "pass".
    const kwForms = normalizedForms(kw.trim());
    if (kwForms[0] && kwForms.some((k) => pwForms.some((p) => p.includes(k)))) return kw.trim().toLowerCase();
  }
  return null;
}

export function checkPassword(password: string, ctx: PolicyContext = {}): PolicyResult {
  // Cheap bound first: every UTF-16 unit is at least one UTF-8 byte.
  if (password.length > MAX_PASSWORD_INPUT_BYTES || utf8Bytes(password) > MAX_PASSWORD_INPUT_BYTES) {
    return {
      ok: false,
      violations: [violation("too_long_input")],
      rules: RULE_ORDER.map((code) => ({
        code,
        state: code === "length" ? "fail" : "pending",
      })),
    };
  }

  const lower = password.toLowerCase();
  const codePoints = [...password].length;
  const keyword = findWeakKeyword(password, ctx.weakKeywords);
  const common = ctx.commonPasswords;

  const failed: Record<RuleCode, boolean | null> = {
    length: codePoints < PASSWORD_MIN || codePoints > PASSWORD_MAX,
    charset: !/^[!-~]*$/.test(password),
    classes: classCount(password) < 3,
    contains_address: containsAddress(lower, ctx.email),
    weak_keyword: keyword !== null,
    common: common ? normalizedForms(password).some((f) => common.has(f)) : null,
  };

  const violations: Violation[] = [];
  const rules: RuleStatus[] = [];
  for (const code of RULE_ORDER) {
    const f = failed[code];
    rules.push({ code, state: f === null ? "pending" : f ? "fail" : "pass" });
    if (f) violations.push(violation(code, code === "weak_keyword" ? keyword! : undefined));
  }
  return { ok: violations.length === 0, violations, rules };
}
