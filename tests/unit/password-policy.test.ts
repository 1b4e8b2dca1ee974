import { describe, it, expect } from "vitest";
import { checkPassword, generatePassword, validateWeakKeywords, type PolicyContext, type ViolationCode } from "@/lib/password-policy";
import { loadCommonPasswords } from "@/lib/password-policy/common-passwords";
import { checkPasswordOnServer } from "@/lib/password-policy/server";
import { refText, tZh } from "../support/i18n";

const common = loadCommonPasswords();
const base: PolicyContext = { commonPasswords: common };
const withEmail = (email: string): PolicyContext => ({ ...base, email });
const withKw = (...weakKeywords: string[]): PolicyContext => ({ ...base, weakKeywords });
const E = "😀"; // 1 code point, 2 UTF-16 units, 4 UTF-8 bytes

type Case = [name: string, password: string, ctx: PolicyContext, codes: ViolationCode[]];

const cases: Case[] = [
  // Length, counted in code points
  ["7 chars", "Aa1!aaa", base, ["length"]],
  ["8 chars", "Aa1!aaaa", base, []],
  ["64 chars", "Aa1!" + "x".repeat(60), base, []],
  ["65 chars", "Aa1!" + "x".repeat(61), base, ["length"]],
  ["65 ASCII code points, all classes", "Zq7#" + "kP3$".repeat(15) + "m", base, ["length"]],
  ["6 code points in 8 UTF-16 units", `Aa1!${E}${E}`, base, ["length", "charset"]],
  ["8 code points in 12 UTF-16 units", `Aa1!${E.repeat(4)}`, base, ["charset"]],
  ["64 code points in 124 UTF-16 units", `Aa1!${E.repeat(60)}`, base, ["charset"]],
  ["65 code points in 126 UTF-16 units", `Aa1!${E.repeat(61)}`, base, ["length", "charset"]],
  // Raw input size
  ["1024 ASCII bytes is checked normally", "a".repeat(1024), base, ["length", "classes"]],
  ["1025 ASCII bytes", "a".repeat(1025), base, ["too_long_input"]],
  ["1024 bytes of emoji is checked normally", E.repeat(256), base, ["length", "charset", "classes"]],
  ["1028 bytes of emoji (514 units)", E.repeat(257), base, ["too_long_input"]],
  ["1026 bytes of é (513 units)", "é".repeat(513), base, ["too_long_input"]],
  ["huge input with email and keyword", "welcome ".repeat(10_000), { ...withKw("welcome"), email: "welcome@x.com" }, ["too_long_input"]],
  // Character classes
  ["lower only", "qzmvkrtw", base, ["classes"]],
  ["upper + lower", "QzmvKrtw", base, ["classes"]],
  ["lower + digit", "qzmv4829", base, ["classes"]],
  ["digit + special", "4829#!%&", base, ["classes"]],
  ["upper + special", "QZMV#!%&", base, ["classes"]],
  ["upper + lower + digit", "Qzmv4829", base, []],
  ["upper + lower + special", "Qzmv#!%&", base, []],
  ["lower + digit + special", "qzmv48#&", base, []],
  ["upper + digit + special", "QZMV48#&", base, []],
  ["all four", "Qz9#mvKr", base, []],
  ["every special counts (backslash, braces, backtick, tilde)", "QZ9\\{}`~", base, []],
  // Character set
  ["space", "Qzmv 4829", base, ["charset"]],
  ["tab", "Qzmv\t4829", base, ["charset"]],
  ["DEL (127)", "Qzmv\u007f4829", base, ["charset"]],
  ["é", "Qzmvé4829", base, ["charset"]],
  ["中", "Qzmv中4829", base, ["charset"]],
  ["emoji", `Qzmv${E}4829`, base, ["charset"]],
  // Email address
  ["full address", "X1#john.smith@corp.example.com", withEmail("John.Smith@corp.example.com"), ["contains_address"]],
  ["local part, other case", "JOHN.SMITH#9x", withEmail("john.smith@corp.example.com"), ["contains_address"]],
  ["3-char local part applies", "Joe#12345x", withEmail("joe@corp.example.com"), ["contains_address"]],
  ["2-char local part not applied", "Jo#12345xy", withEmail("jo@corp.example.com"), []],
  ["2-char local part: full address still applies", "jo@corp.example.com#X1", withEmail("jo@corp.example.com"), ["contains_address"]],
  ["no email given", "John.Smith#9x", { ...base, email: null }, []],
  // Weak keywords, case-insensitive and through every substitution
  ["keyword as typed", "Xwelcome#9", withKw("welcome"), ["weak_keyword"]],
  ["keyword other case", "WELCOME#9x", withKw("Welcome"), ["weak_keyword"]],
  ["W3lc0me (3→e, 0→o)", "W3lc0me#9x", withKw("welcome"), ["weak_keyword"]],
  ["3x@mple (3→e, @→a)", "3x@mple99", withKw("example"), ["weak_keyword"]],
  ["4→a", "Cob4lt#X9", withKw("cobalt"), ["weak_keyword"]],
  ["5→s", "5unset#X9", withKw("sunset"), ["weak_keyword"]],
  ["7→t", "Coba17#X9", withKw("cobalt"), ["weak_keyword"]],
  ["$→s", "$unset#X9", withKw("sunset"), ["weak_keyword"]],
  ["!→i", "V!olin#X9", withKw("violin"), ["weak_keyword"]],
  ["1→l", "Coba1t#X9", withKw("cobalt"), ["weak_keyword"]],
  ["1→i", "V1olin#X9", withKw("violin"), ["weak_keyword"]],
  ["keyword with digits matches un-normalized", "Acme2024!x", withKw("acme2024"), ["weak_keyword"]],
  ["keyword with a substitution char matches the plain word", "Xpass#99Y", withKw("p@ss"), ["weak_keyword"]],
  ["near miss is fine", "Cobra#X99", withKw("cobalt", "violin"), []],
  // Common passwords (entries checked against the real list below)
  ["common, other case", "Password123", base, ["common"]],
  ["common after 0→o", "IL0VEyou", base, ["common"]],
  ["common after 1→i", "L1verpool", base, ["common"]],
  ["common after 1→l", "Footba11", base, ["common"]],
  // Several violations at once
  ["short, one class, keyword", "welcome", withKw("welcome"), ["length", "classes", "weak_keyword"]],
  [
    "space, one class, address, keyword",
    "john smith",
    { ...withKw("smith"), email: "john@corp.com" },
    ["charset", "classes", "contains_address", "weak_keyword"],
  ],
];

describe("checkPassword", () => {
  it("uses real common-list entries", () => {
    for (const w of ["password123", "iloveyou", "liverpool", "football"]) expect(common.has(w)).toBe(true);
    for (const w of ["il0veyou", "l1verpool", "footba11"]) expect(common.has(w)).toBe(false);
  });

  it.each(cases)("%s", (_name, password, ctx, codes) => {
    const r = checkPassword(password, ctx);
    expect(r.violations.map((v) => v.code)).toEqual(codes);
    expect(r.ok).toBe(codes.length === 0);
    for (const v of r.violations) expect(v.message.key).toBe(`Password.violations.${v.code}`);
    for (const v of r.violations) expect(refText(v.message).length).toBeGreaterThan(10);
  });

  it("names the matched keyword in the message", () => {
    const r = checkPassword("3x@mple99", withKw("Example"));
    expect(refText(r.violations[0].message)).toBe('Must not contain a weak-password keyword set for this domain ("example").');
  });

  it("reports the common rule as pending without a set, without failing", () => {
    const r = checkPassword("Password123", {});
    expect(r.ok).toBe(true);
    expect(r.rules.map((x) => [x.code, x.state])).toEqual([
      ["length", "pass"],
      ["charset", "pass"],
      ["classes", "pass"],
      ["contains_address", "pass"],
      ["weak_keyword", "pass"],
      ["common", "pending"],
      ["breached", "later"],
    ]);
  });

  it("gives checklist states and seed labels", () => {
    const r = checkPassword("abc def", { ...base, email: "abc@x.com" });
    const states = Object.fromEntries(r.rules.map((x) => [x.code, x.state]));
    expect(states).toEqual({
      length: "fail",
      charset: "fail",
      classes: "fail",
      contains_address: "fail",
      weak_keyword: "pass",
      common: "pass",
      breached: "later",
    });
    const labels = r.rules.map((x) => refText(x.label));
    expect(labels).toContain("8 to 64 characters");
    expect(labels).toContain("Not a common password");
    // The seed article's Chinese wording, word for word.
    const zh = (k: string) => (tZh as unknown as (key: string) => string)(k);
    const zhRef = (ref: { key: string; values?: Record<string, string | number> }) =>
      (tZh as unknown as (key: string, values?: Record<string, string | number>) => string)(ref.key, ref.values);
    expect(r.rules.map((x) => zhRef(x.label))).toEqual(
      expect.arrayContaining([
        "密码长度8-64字符",
        "须同时包含大写字母、小写字母、数字、特殊字符中的任意三种",
        "密码不能包含邮箱帐号",
        "密码不能是管理员设置的弱密码关键字",
      ]),
    );
    expect(zh("Password.policy")).toBe(
      "密码长度8-64字符，须同时包含大写字母、小写字母、数字、特殊字符中的任意三种，密码不能包含邮箱帐号，密码不能是管理员设置的弱密码关键字",
    );
  });

  it("too-long input gets a single violation and no further checks", () => {
    const r = checkPassword("x".repeat(5000), base);
    expect(r.violations).toHaveLength(1);
    expect(r.rules.find((x) => x.code === "length")?.state).toBe("fail");
  });

  it("server helper always applies the common list", () => {
    expect(checkPasswordOnServer("Password123").violations.map((v) => v.code)).toEqual(["common"]);
    expect(checkPasswordOnServer("Qz9#mvKr", { email: "qz@x.com", weakKeywords: ["mvkr"] }).violations.map((v) => v.code)).toEqual([
      "weak_keyword",
    ]);
  });
});

describe("loadCommonPasswords", () => {
  it("keeps at least 10,000 lower-cased entries of 3 characters or more (short ones for the NIST profile's variants)", () => {
    expect(common.size).toBeGreaterThanOrEqual(10_000);
    const bad = [...common].filter((w) => w !== w.toLowerCase() || [...w].length < 3);
    expect(bad).toEqual([]);
  });
});

describe("validateWeakKeywords", () => {
  const errorsOf = (list: string[]) => {
    const r = validateWeakKeywords(list);
    return r.ok ? [] : r.errors.map(refText);
  };

  it.each([
    ["2 chars", "ab", false],
    ["3 chars", "abc", true],
    ["32 chars", "k".repeat(32), true],
    ["33 chars", "k".repeat(33), false],
    ["3 chars after trimming", "  abc  ", true],
    ["2 chars after trimming", "  ab ", false],
  ])("%s", (_n, kw, ok) => {
    expect(validateWeakKeywords([kw]).ok).toBe(ok);
  });

  it("accepts 100 keywords and refuses 101", () => {
    const list = Array.from({ length: 101 }, (_, i) => `kw${String(i).padStart(3, "0")}`);
    expect(validateWeakKeywords(list.slice(0, 100)).ok).toBe(true);
    expect(errorsOf(list).join(" ")).toMatch(/at most 100/);
  });

  it("refuses case-insensitive duplicates and names them", () => {
    const errors = errorsOf(["Acme", "welcome", "ACME"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"ACME"');
  });

  it("stores trimmed, lower-cased keywords and ignores blank lines", () => {
    expect(validateWeakKeywords([" Acme ", "", "  ", "WelCome"])).toEqual({ ok: true, keywords: ["acme", "welcome"] });
  });
});

describe("generatePassword", () => {
  it("produces 100 distinct 16-character passwords that pass the policy", () => {
    const ctx: PolicyContext = { ...base, email: "john.smith@corp.com", weakKeywords: ["acme", "welcome", "abc"] };
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const pw = generatePassword(ctx);
      expect(pw).toHaveLength(16);
      expect(checkPassword(pw, ctx).ok).toBe(true);
      for (const re of [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/]) expect(pw).toMatch(re);
      seen.add(pw);
    }
    expect(seen.size).toBe(100);
  });

  it("works without a context", () => {
    expect(checkPasswordOnServer(generatePassword({})).ok).toBe(true);
  });
});
