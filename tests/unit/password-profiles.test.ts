import { describe, expect, it } from "vitest";
import {
  ARTICLE_RULES,
  checkPassword,
  customSettingsFrom,
  DEFAULT_CUSTOM_SETTINGS,
  generatePassword,
  normalizePassword,
  policyStatement,
  rulesFor,
  type PasswordRules,
  type PolicyContext,
} from "@/lib/password-policy";
import { loadCommonPasswords } from "@/lib/password-policy/common-passwords";
import { parseCustomSettings } from "@/lib/password-policy/custom-settings";
import { nistComparison } from "@/lib/password-policy/nist-comparison";
import { enText, refText, zhText } from "../support/i18n";

const common = loadCommonPasswords();
const nist = rulesFor({ profile: "nist", twoStepForEveryone: false, custom: DEFAULT_CUSTOM_SETTINGS });
const nistTwoStep = rulesFor({ profile: "nist", twoStepForEveryone: true, custom: DEFAULT_CUSTOM_SETTINGS });
const custom = (over: Partial<typeof DEFAULT_CUSTOM_SETTINGS>): PasswordRules =>
  rulesFor({ profile: "custom", twoStepForEveryone: false, custom: { ...DEFAULT_CUSTOM_SETTINGS, ...over } });
const ctx = (rules: PasswordRules, more: Partial<PolicyContext> = {}): PolicyContext => ({
  rules,
  commonPasswords: common,
  email: "alice@example.com",
  domainName: "example.com",
  weakKeywords: ["welcome", "acme"],
  ...more,
});
const codes = (pw: string, c: PolicyContext) => checkPassword(pw, c).violations.map((v) => v.code);

describe("the article's profile is every domain's default and unchanged", () => {
  it("is what rulesFor gives for 'article', and what checkPassword uses without rules", () => {
    expect(rulesFor({ profile: "article", twoStepForEveryone: true, custom: DEFAULT_CUSTOM_SETTINGS })).toBe(ARTICLE_RULES);
    expect(codes("blue river under stone", { commonPasswords: common })).toEqual(["charset", "classes"]);
    expect(codes("Qz9#mvKr", { commonPasswords: common })).toEqual([]);
  });

  it("judges what was typed, not its NFKC form: fullwidth letters and ligatures are not keyboard characters", () => {
    expect(codes("ＡｂｃＤｅｆ１２!", { commonPasswords: common })).toContain("charset");
    expect(codes("ﬁﬁﬁﬁABC12!", { commonPasswords: common })).toContain("charset");
  });

  it("still refuses a keyword or the name part anywhere in the password", () => {
    expect(codes("Xwelcome#9", ctx(ARTICLE_RULES))).toEqual(["weak_keyword"]);
    expect(codes("Alice#2026x", ctx(ARTICLE_RULES))).toEqual(["contains_address"]);
  });
});

describe("NIST SP 800-63B-4", () => {
  it("accepts a 15-character passphrase with spaces and no digits, and no composition rule", () => {
    expect(nist).toMatchObject({ minLength: 15, maxLength: 64, characters: "unicode", classesRequired: 0, expiryDays: null });
    expect(codes("blue river stone", ctx(nist))).toEqual([]);
    expect(checkPassword("blue river stone", ctx(nist)).rules.map((r) => r.code)).not.toContain("classes");
  });

  it("counts 15 code points at the boundary: 14 is refused, 15 accepted; 8 when every account uses two-step logon", () => {
    expect(codes("blueriverstone", ctx(nist))).toEqual(["length"]);
    expect(codes("blueriverstonex", ctx(nist))).toEqual([]);
    expect(nistTwoStep.minLength).toBe(8);
    expect(codes("zebrakiw", ctx(nistTwoStep))).toEqual([]);
    expect(codes("zebraki", ctx(nistTwoStep))).toEqual(["length"]);
  });

  it("refuses a common password with digits added, a repeated one, and a context word's variants, as whole passwords", () => {
    expect(codes("Password1234567", ctx(nist))).toEqual(["common"]);
    expect(codes("dragondragondragon", ctx(nist))).toEqual(["common"]);
    expect(codes("alice@example.com", ctx(nist))).toEqual(["context"]);
    expect(codes("Alice2026!!!!!!!!!", ctx(nist))).toContain("context");
    expect(codes("example.com 2026!!!", ctx(nist))).toEqual(["context"]);
    // "welcome" is also a common password: both rules say so.
    expect(codes("welcome welcome welcome", ctx(nist))).toContain("context");
    expect(checkPassword("W3lc0me!!!!!!!!!!", ctx(nist)).violations[0].message.values?.keyword).toBe("welcome");
  });

  it("does not refuse a context word inside a longer passphrase (the entire password is compared, not substrings)", () => {
    expect(codes("welcome to the river of alice", ctx(nist))).toEqual([]);
  });

  it("accepts Unicode, counts code points after NFKC, and refuses control characters", () => {
    expect(codes("我的密码是一个很长的句子真的很长", ctx(nist))).toEqual([]);
    // 15 code points with emoji (each one character), and 14.
    expect(codes("🌲🐱 blue river 🚀", ctx(nist))).toEqual([]);
    expect(codes("🌲 blue river 🚀", ctx(nist))).toEqual(["length"]);
    expect(codes("blue river\tstone x", ctx(nist))).toEqual(["charset"]);
    // Fullwidth letters are their ASCII forms after NFKC: the same password, the same length.
    expect(normalizePassword("ｂｌｕｅ ｒｉｖｅｒ ｓｔｏｎｅ")).toBe("blue river stone");
    expect(codes("ｐａｓｓｗｏｒｄ１２３４５６７", ctx(nist))).toEqual(["common"]);
    // "ﬁ" (one code point) is "fi" (two) after NFKC.
    expect(codes("ﬁsh ﬁsh ﬁsh ab", ctx(nist))).toEqual([]);
  });

  it("refuses what is long but expected: one character, a run, a word repeated in any case, nothing visible", () => {
    for (const pw of [
      "aaaaaaaaaaaaaaa",
      "121212121212121",
      "123456789012345",
      "abcdefghijklmno",
      "9876543210987654",
      " ".repeat(15),
      ".".repeat(15),
      "Dragon dragon dragon",
      "Summer2024-Summer2024",
    ])
      expect(codes(pw, ctx(nist)), pw).toContain("common");
    expect(codes("ACME acme ACME 2026", ctx(nist))).toContain("context");
    // Invisible characters are refused as characters, and cannot pad a short password past the minimum.
    expect(codes("\u200b".repeat(15), ctx(nist))).toContain("charset");
    expect(codes("a\u200bb\u200bc\u200bd\u200be\u200bf\u200bg\u200bh", ctx(nist))).toContain("charset");
    expect(codes("blue\u202eriver stone", ctx(nist))).toContain("charset");
    // The joiners emoji and some scripts need are fine.
    expect(codes("family 👨\u200d👩\u200d👧 picnic", ctx(nist))).toEqual([]);
  });

  it("lists its rules and its policy text in both languages", () => {
    const r = checkPassword("", ctx(nist));
    expect(r.rules.map((x) => x.code)).toEqual(["length", "charset", "context", "common", "breached"]);
    expect(refText(r.rules[0].label)).toBe("15 to 64 characters");
    expect(refText(policyStatement(nist))).toContain("15 to 64 characters");
    const s = policyStatement(nist);
    expect(zhText(s.key, s.values)).toContain("15-64");
  });
});

describe("Custom", () => {
  it("applies each setting: length bounds, classes, characters", () => {
    const c = custom({ minLength: 12, maxLength: 80, classesRequired: 4, characters: "unicode" });
    expect(codes("Aa1!aaaaaaa", ctx(c))).toEqual(["length"]);
    expect(codes("Aa1!aaaaaaaa", ctx(c))).toEqual([]);
    expect(codes("Aa1aaaaaaaaa", ctx(c))).toEqual(["classes"]);
    expect(codes("Aa1! aaaa ääää", ctx(c))).toEqual([]);
    expect(refText(checkPassword("x", ctx(c)).violations.find((v) => v.code === "classes")!.message)).toBe(
      "Use all four of: uppercase letters, lowercase letters, numbers and special characters.",
    );
    expect(codes("Aa1! " + "x".repeat(75), ctx(c))).toEqual([]);
    expect(codes("Aa1! " + "x".repeat(76), ctx(c))).toEqual(["length"]);
  });

  it("reads stored settings defensively: missing or out-of-bound values take the defaults", () => {
    expect(customSettingsFrom(null)).toEqual(DEFAULT_CUSTOM_SETTINGS);
    expect(customSettingsFrom({ minLength: 4, maxLength: 9999, classesRequired: "3", expiryDays: 10 })).toEqual({
      ...DEFAULT_CUSTOM_SETTINGS,
      expiryDays: 90,
    });
    expect(customSettingsFrom({ minLength: 40, maxLength: 64 }).maxLength).toBe(64);
  });

  it("validates typed settings at their bounds, with a message per field", () => {
    const ok = parseCustomSettings({
      minLength: "8",
      maxLength: "128",
      classesRequired: "0",
      historyDepth: "24",
      expiryDays: "",
      allowUnicode: true,
    });
    expect(ok).toEqual({
      ok: true,
      settings: {
        minLength: 8,
        maxLength: 128,
        classesRequired: 0,
        historyDepth: 24,
        expiryDays: null,
        characters: "unicode",
        expirySince: null,
      },
    });
    const bad = parseCustomSettings({
      minLength: "7",
      maxLength: "129",
      classesRequired: "5",
      historyDepth: "-1",
      expiryDays: "29",
      allowUnicode: false,
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.errors).sort()).toEqual(["classesRequired", "expiryDays", "historyDepth", "maxLength", "minLength"]);
    expect(refText(bad.errors.minLength![0])).toBe(enText("Admin.policy.custom.range", { min: 8, max: 64 }));
    const crossed = parseCustomSettings({
      minLength: "40",
      maxLength: "64",
      classesRequired: "3",
      historyDepth: "5",
      expiryDays: "730",
      allowUnicode: false,
    });
    expect(crossed.ok).toBe(true);
    const below = parseCustomSettings({ minLength: "64", maxLength: "64", classesRequired: "3", historyDepth: "5", allowUnicode: false });
    expect(below.ok).toBe(true);
    expect(
      parseCustomSettings({ minLength: "12.5", maxLength: "64", classesRequired: "3", historyDepth: "5", allowUnicode: false }).ok,
    ).toBe(false);
  });

  it("generates a password as long as a custom minimum asks", () => {
    const c = custom({ minLength: 40, maxLength: 64 });
    const pw = generatePassword(ctx(c));
    expect([...pw]).toHaveLength(40);
    expect(checkPassword(pw, ctx(c)).ok).toBe(true);
  });
});

describe("the NIST comparison table", () => {
  const verdicts = (rules: PasswordRules, twoStep = false, questions = true) =>
    Object.fromEntries(
      nistComparison(rules, { twoStepForEveryone: twoStep, questionRecovery: questions, screening: "hibp" }).map((r) => [r.id, r.verdict]),
    );

  it("says where the article's profile breaks the standard", () => {
    expect(verdicts(ARTICLE_RULES)).toMatchObject({
      minLength: "breaks",
      characters: "breaks",
      composition: "breaks",
      context: "stricter",
      expiry: "meets",
      questions: "outside",
    });
    expect(verdicts(ARTICLE_RULES, true).minLength).toBe("meets");
  });

  it("says the standard is broken when no breach screening is configured", () => {
    const rows = nistComparison(nist, { twoStepForEveryone: false, questionRecovery: false, screening: "off" });
    expect(rows.find((r) => r.id === "compromise")?.verdict).toBe("breaks");
    expect(refText(rows.find((r) => r.id === "blocklist")!.rule)).toContain("no breach screening");
  });

  it("has no 'breaks' under the NIST profile, and follows a custom expiry", () => {
    expect(Object.values(verdicts(nist, false, false))).not.toContain("breaks");
    expect(verdicts(custom({ expiryDays: 90 })).expiry).toBe("breaks");
  });

  it("words every row in both languages", () => {
    for (const row of nistComparison(nist, { twoStepForEveryone: false, questionRecovery: true, screening: "shipped" })) {
      for (const ref of [row.rule, row.clause]) {
        expect(refText(ref)).not.toContain("Admin.policy");
        expect(zhText(ref.key, ref.values)).not.toContain("Admin.policy");
      }
    }
  });
});
