// Password policy (../shared/SECURITY.md "Passwords", and the seed article).
// Pure and isomorphic: the browser runs it for the live checklist and the
// server runs the very same function on every path that sets a password.
// Which rules apply, and with which numbers, is the domain's profile
// (profiles.ts); without one it is the article's.

import { msg, type MessageRef } from "@/lib/message-ref";
import { ARTICLE_RULES, normalizePassword, type PasswordPolicyView, type PasswordRules } from "./profiles";

export const MAX_PASSWORD_INPUT_BYTES = 1024;
/** The article's bounds (a profile may set others: read them from its PasswordRules). */
export const PASSWORD_MIN = ARTICLE_RULES.minLength;
export const PASSWORD_MAX = ARTICLE_RULES.maxLength;

export type RuleCode = "length" | "charset" | "classes" | "contains_address" | "weak_keyword" | "context" | "common" | "breached";
export type ViolationCode = RuleCode | "too_long_input";

export interface PolicyContext {
  email?: string | null;
  weakKeywords?: readonly string[];
  /** The domain's name ("example.com"): refused as a whole password under "whole" context matching. */
  domainName?: string | null;
  /** The profile's rules; the article's when absent. */
  rules?: PasswordRules;
  /** null/undefined = not loaded yet: the common rule is reported as pending, not passed. */
  commonPasswords?: ReadonlySet<string> | null;
  /** The breach screening's verdict (the server's, when it asked); unknown in the browser. */
  breached?: boolean | null;
}
export interface RuleStatus {
  code: RuleCode;
  /** "later": judged only by the server when the form is sent (the breach screening). */
  state: "pass" | "fail" | "pending" | "later";
  /** The checklist's line for this rule under this profile. */
  label: MessageRef;
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

/** What the checker needs of an account's policy and its address (every form, the server, the generator alike). */
export function policyContext(policy: PasswordPolicyView, email: string | null | undefined): PolicyContext {
  return { email, weakKeywords: policy.weakKeywords, domainName: policy.domainName, rules: policy.rules };
}

/** The checklist's rows under a profile, in display order. */
export function ruleCodes(rules: PasswordRules = ARTICLE_RULES): RuleCode[] {
  const codes: RuleCode[] = ["length", "charset"];
  if (rules.classesRequired > 0) codes.push("classes");
  if (rules.contextMatch === "contains") codes.push("contains_address", "weak_keyword");
  else codes.push("context");
  codes.push("common", "breached");
  return codes;
}

/** A row's label: the article's wording where it applies ("Password.rules.*"), the profile's numbers as values. */
export function ruleLabel(code: RuleCode, rules: PasswordRules = ARTICLE_RULES): MessageRef {
  if (code === "length") return msg("Password.rules.length", { min: rules.minLength, max: rules.maxLength });
  if (code === "charset") return msg(rules.characters === "ascii" ? "Password.rules.charset" : "Password.rules.charsetUnicode");
  if (code === "classes") return msg("Password.rules.classes", { count: rules.classesRequired });
  if (code === "common") return msg(rules.contextMatch === "whole" ? "Password.rules.commonVariants" : "Password.rules.common");
  return msg(`Password.rules.${code}`);
}

function violation(code: ViolationCode, rules: PasswordRules, word?: string): Violation {
  const values: Record<string, string | number> = { min: rules.minLength, max: rules.maxLength };
  if (code === "classes") values.count = rules.classesRequired;
  if (word !== undefined) values.keyword = word;
  if (code === "charset" && rules.characters === "unicode") return { code, message: msg("Password.violations.charsetUnicode") };
  if (code === "common" && rules.contextMatch === "whole") return { code, message: msg("Password.violations.commonVariants") };
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

/**
 * The whole password and its obvious variants (NIST §3.1.1.2 compares the
 * entire password, "commonly used, expected" ones included): as typed; with
 * the digits, symbols and spaces added before or after it removed
 * ("Password1234567" → "password"); with its spaces removed; a repeated word
 * once, in any case ("DragonDRAGON" → "dragon"); each with leetspeak undone.
 */
export function variantForms(typed: string): string[] {
  const s = typed.toLowerCase();
  const core = s.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  const bases = [s, core, s.replace(/\s+/gu, ""), core.replace(/\s+/gu, "")];
  for (const b of [...bases]) {
    const unit = /^(.+?)\1+$/u.exec(b)?.[1];
    if (unit) bases.push(unit);
  }
  return [...new Set(bases.filter((b) => b !== "").flatMap(normalizedForms))];
}

/** Not printable in a password: controls, lone surrogates, invisible format characters (but ZWNJ/ZWJ), private use, unassigned. */
const UNPRINTABLE = /[\p{Cc}\p{Cs}\p{Co}\p{Cn}]|(?![\u200C\u200D])\p{Cf}/u;

/**
 * An "expected" password however long (NIST §3.1.1.2): its letters and digits, lower-cased, are fewer than
 * 4 different characters ("aaaaaaaaaaaaaaa", "121212121212121", fifteen spaces or dots), or one run up or
 * down ("123456789012345", "abcdefghijklmno"), or one word repeated in any case with any separators
 * ("Dragon dragon dragon", "Summer2024-Summer2024").
 */
export function isTrivial(password: string): boolean {
  const core = Array.from(password.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, ""));
  if (new Set(core).size < 4) return true;
  const steps = core.slice(1).map((c, i) => (c.codePointAt(0)! - core[i].codePointAt(0)! + 10) % 10);
  const digits = core.every((c) => /[0-9]/.test(c));
  const run = (step: number) =>
    core.slice(1).every((c, i) => (digits ? steps[i] === (step + 10) % 10 : c.codePointAt(0)! - core[i].codePointAt(0)! === step));
  if (run(1) || run(-1)) return true;
  return /^(.+?)\1+$/u.test(core.join(""));
}

function classCount(pw: string): number {
  // Special = ASCII punctuation: 33-47, 58-64, 91-96, 123-126.
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[!-/:-@[-`{-~]/];
  return classes.filter((re) => re.test(pw)).length;
}

/** The address and its name part (when 3+ characters: "jo" would forbid too many ordinary passwords). */
function addressWords(email: string | null | undefined): string[] {
  const addr = email?.trim().toLowerCase();
  if (!addr) return [];
  const at = addr.lastIndexOf("@");
  const local = at > 0 ? addr.slice(0, at) : "";
  return [addr, ...([...local].length >= 3 ? [local] : [])];
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

/** Under "whole" matching: the context word (address, name part, domain, keyword) the password is a variant of. */
function findContextWord(pw: string, ctx: PolicyContext): string | null {
  const domain = ctx.domainName?.trim().toLowerCase();
  const words = [
    ...addressWords(ctx.email),
    ...(domain ? [domain, domain.split(".")[0]] : []),
    ...(ctx.weakKeywords ?? []).map((k) => k.trim().toLowerCase()),
  ].filter((w) => w.length >= 3);
  if (!words.length) return null;
  const forms = new Set(variantForms(pw));
  return words.find((w) => normalizedForms(w).some((f) => forms.has(f))) ?? null;
}

export function checkPassword(input: string, ctx: PolicyContext = {}): PolicyResult {
  const rules = ctx.rules ?? ARTICLE_RULES;
  const codes = ruleCodes(rules);
  // Cheap bound first: every UTF-16 unit is at least one UTF-8 byte.
  if (input.length > MAX_PASSWORD_INPUT_BYTES || utf8Bytes(input) > MAX_PASSWORD_INPUT_BYTES) {
    return {
      ok: false,
      violations: [violation("too_long_input", rules)],
      rules: codes.map((code) => ({ code, state: code === "length" ? "fail" : "pending", label: ruleLabel(code, rules) })),
    };
  }

  // NFKC where the profile accepts Unicode (the form it is hashed in). The ASCII set judges what was typed:
  // a fullwidth "Ａ" is not a keyboard character for a mail client, whatever its NFKC form.
  const password = rules.characters === "ascii" ? input : normalizePassword(input);
  const codePoints = [...password].length;
  const common = ctx.commonPasswords;
  let word: string | null = null;
  const judge: Record<RuleCode, () => boolean | null> = {
    length: () => codePoints < rules.minLength || codePoints > rules.maxLength,
    // ASCII: printable without space. Unicode: anything printable, spaces included; never a control,
    // invisible (format, but the joiners of emoji and scripts), private-use or unassigned character.
    charset: () => (rules.characters === "ascii" ? !/^[!-~]*$/.test(password) : UNPRINTABLE.test(password)),
    classes: () => classCount(password) < rules.classesRequired,
    contains_address: () => addressWords(ctx.email).some((w) => password.toLowerCase().includes(w)),
    weak_keyword: () => (word = findWeakKeyword(password, ctx.weakKeywords)) !== null,
    context: () => (word = findContextWord(password, ctx)) !== null,
    common: () => {
      if (!common) return null;
      if (rules.contextMatch === "whole") return isTrivial(password) || variantForms(password).some((f) => common.has(f));
      // The article's rule: the whole password, as typed or with leetspeak undone (the list's short entries
      // are for the variants above; a password under 8 characters fails the length rule, not this one).
      return codePoints >= 8 && normalizedForms(password).some((f) => common.has(f));
    },
    breached: () => ctx.breached ?? null,
  };

  const violations: Violation[] = [];
  const statuses: RuleStatus[] = [];
  for (const code of codes) {
    const failed = judge[code]();
    const state = failed === null ? (code === "breached" ? "later" : "pending") : failed ? "fail" : "pass";
    statuses.push({ code, state, label: ruleLabel(code, rules) });
    if (failed) violations.push(violation(code, rules, code === "weak_keyword" || code === "context" ? word! : undefined));
  }
  return { ok: violations.length === 0, violations, rules: statuses };
}

/** The policy in one paragraph, above every new-password field: the article's own words under its profile. */
export function policyStatement(rules: PasswordRules = ARTICLE_RULES): MessageRef {
  if (rules.profile === "nist") return msg("Password.policyNist", { min: rules.minLength, max: rules.maxLength });
  if (rules.profile === "custom")
    return msg("Password.policyCustom", {
      min: rules.minLength,
      max: rules.maxLength,
      count: rules.classesRequired,
      unicode: rules.characters === "unicode" ? "yes" : "no",
      days: rules.expiryDays ?? 0,
    });
  return msg("Password.policy");
}
