import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { phoneCountryOptions } from "@/components/account/phone-countries";
import { msg } from "@/lib/message-ref";
import { normalizeAnswer, questionFieldErrors, SECURITY_QUESTIONS, securityQuestionKey } from "@/lib/security-questions";
import { getAccountSecurity } from "@/server/account-security/get-account-security";
import { saveSecurityQuestions } from "@/server/account-security/save-security-questions";
import { AuditAction } from "@/server/audit/audit-action";
import { getDb } from "@/server/db";
import { verifySecret } from "@/server/security/password-hash";
import { accountByAddress, auditActions, freshDemo, meta, useFakeClock } from "../support/fixtures";
import { enText, refText, tZh } from "../support/i18n";
import { DEMO } from "../support/demo-accounts";

// What the domain answers (catalog references), and what the form then says in English.
const DISTINCT = msg("Account.questions.errors.distinct", { count: 3 });
const NOT_IN_LIST = msg("Account.questions.errors.notInList");
const ANSWERS_DIFFER = msg("Account.questions.errors.answersDiffer");
const ANSWER_LENGTH = msg("Account.questions.errors.answerLength", { min: 2, max: 64 });

const BOB = { address: DEMO.bob.email, password: DEMO.bob.password };
const CAROL = { address: DEMO.carol.email, password: DEMO.carol.password };
const [Q1, Q2, Q3, Q4] = SECURITY_QUESTIONS;

async function save(address: string, items: Array<[string, string]>, currentPassword = BOB.password) {
  const a = await accountByAddress(address);
  return saveSecurityQuestions({
    accountId: a.id,
    items: items.map(([question, answer]) => ({ question, answer })),
    currentPassword,
    meta,
  });
}

const storedHashes = async (address: string) =>
  getDb().securityQuestion.findMany({
    where: { accountId: (await accountByAddress(address)).id },
    orderBy: { position: "asc" },
    omit: { answerHash: false },
  });

beforeEach(async () => {
  await freshDemo();
  useFakeClock();
});
afterEach(() => vi.useRealTimers());

describe("saving security questions", () => {
  it("stores 3 questions with normalized, hashed answers and audits the questions only", async () => {
    expect(
      await save(BOB.address, [
        [Q1, "Rex"],
        [Q2, "  HANGZHOU "],
        [Q3, "Sunrise   Primary"],
      ]),
    ).toEqual({ ok: true });
    const rows = await storedHashes(BOB.address);
    expect(rows.map((r) => [r.position, r.question])).toEqual([
      [1, Q1],
      [2, Q2],
      [3, Q3],
    ]);
    for (const r of rows) expect(r.answerHash).toMatch(/^\$argon2id\$/);
    expect(await verifySecret(rows[1].answerHash, normalizeAnswer("hangzhou"))).toBe(true);
    expect(await verifySecret(rows[1].answerHash, "hangzhou")).toBe(true);
    expect(await verifySecret(rows[1].answerHash, "  HANGZHOU ")).toBe(false); // stored normalized, not as typed
    expect(await verifySecret(rows[2].answerHash, normalizeAnswer("sunrise primary"))).toBe(true);

    const bob = await accountByAddress(BOB.address);
    const [event] = await auditActions({ targetId: bob.id, action: AuditAction.questionsSet });
    expect(event).toMatchObject({ result: "SUCCESS", actorId: bob.id, detail: { questions: [Q1, Q2, Q3], replaced: false } });
    const text = JSON.stringify(event).toLowerCase();
    for (const answer of ["rex", "hangzhou", "sunrise"]) expect(text).not.toContain(answer);

    const view = await getAccountSecurity({ accountId: bob.id });
    expect(view?.questions).toEqual([Q1, Q2, Q3]);
    expect(JSON.stringify(view).toLowerCase()).not.toContain("hangzhou");
  });

  it("replaces existing questions", async () => {
    expect(
      await save(
        CAROL.address,
        [
          [Q4, "Blue"],
          [Q2, "Paris"],
          [Q1, "Tom"],
        ],
        CAROL.password,
      ),
    ).toEqual({ ok: true });
    const rows = await storedHashes(CAROL.address);
    expect(rows.map((r) => r.question)).toEqual([Q4, Q2, Q1]);
    const carol = await accountByAddress(CAROL.address);
    expect((await auditActions({ targetId: carol.id, action: AuditAction.questionsSet }))[0].detail).toMatchObject({ replaced: true });
  });

  it("refuses the same question twice", async () => {
    const r = await save(BOB.address, [
      [Q1, "Rex"],
      [Q1, "Hangzhou"],
      [Q3, "Sunrise"],
    ]);
    expect(r).toMatchObject({ ok: false, error: "invalid", errors: { questions: [DISTINCT] } });
    expect(refText(DISTINCT)).toBe("Choose 3 different questions.");
    expect(await storedHashes(BOB.address)).toEqual([]);
    if (!r.ok && r.error === "invalid") expect(questionFieldErrors(r.errors, [Q1, Q1, Q3])).toEqual({ question2: [DISTINCT] });
  });

  it("refuses a question that is not in the list", async () => {
    const r = await save(BOB.address, [
      [Q1, "Rex"],
      ["What is your password?", "Hangzhou"],
      [Q3, "Sunrise"],
    ]);
    expect(r).toMatchObject({ ok: false, error: "invalid", errors: { questions: [NOT_IN_LIST] } });
    expect(refText(NOT_IN_LIST)).toBe("Choose each question from the list.");
    if (!r.ok && r.error === "invalid") expect(questionFieldErrors(r.errors, [Q1, "x", Q3])).toEqual({ question1: [NOT_IN_LIST] });
  });

  it("refuses answers that are equal after normalization", async () => {
    const r = await save(BOB.address, [
      [Q1, "Hang  Zhou"],
      [Q2, " hang zhou "],
      [Q3, "Sunrise"],
    ]);
    expect(r).toMatchObject({
      ok: false,
      error: "invalid",
      errors: { answers: [undefined, [ANSWERS_DIFFER], undefined] },
    });
    expect(refText(ANSWERS_DIFFER)).toBe("Each answer must be different from the others.");
    if (!r.ok && r.error === "invalid") expect(questionFieldErrors(r.errors, [Q1, Q2, Q3])).toEqual({ answer2: [ANSWERS_DIFFER] });
  });

  it.each([
    { what: "1 character", answer: "x", verdict: "refused" },
    { what: "65 characters", answer: "a".repeat(65), verdict: "refused" },
    { what: "spaces only", answer: "     ", verdict: "refused" },
    { what: "2 characters", answer: "ab", verdict: "accepted" },
    { what: "64 characters", answer: "b".repeat(64), verdict: "accepted" },
    { what: "64 characters once inner spaces collapse", answer: `${"c".repeat(32)}      ${"d".repeat(31)}`, verdict: "accepted" },
  ])("an answer of $what is $verdict", async ({ answer, verdict }) => {
    const r = await save(BOB.address, [
      [Q1, "Rex"],
      [Q2, answer],
      [Q3, "Sunrise"],
    ]);
    if (verdict === "accepted") expect(r).toEqual({ ok: true });
    else
      expect(r).toMatchObject({
        ok: false,
        error: "invalid",
        errors: { answers: [undefined, [ANSWER_LENGTH], undefined] },
      });
    expect(refText(ANSWER_LENGTH)).toBe("Answer with 2 to 64 characters.");
  });

  it("refuses a wrong current password, changes nothing and audits the failure without secrets", async () => {
    const before = await storedHashes(CAROL.address);
    const r = await save(
      CAROL.address,
      [
        [Q4, "Blue"],
        [Q2, "Paris"],
        [Q1, "Tom"],
      ],
      "Wrong#Password1",
    );
    expect(r).toEqual({ ok: false, error: "wrong_password" });
    expect(await storedHashes(CAROL.address)).toEqual(before);
    const carol = await accountByAddress(CAROL.address);
    const [event] = await auditActions({ targetId: carol.id, action: AuditAction.questionsSet });
    expect(event).toMatchObject({ result: "FAILURE", detail: { reason: "wrong_password" } });
    const text = JSON.stringify(event);
    for (const secret of ["Wrong#Password1", "Blue", "Paris", "Tom"]) expect(text).not.toContain(secret);
  });
});

describe("the country selector", () => {
  it("lists common countries with their calling codes, sorted by name", () => {
    const options = phoneCountryOptions("US");
    expect(options).toContainEqual({ code: "US", label: "United States (+1)" });
    expect(options).toContainEqual({ code: "GB", label: "United Kingdom (+44)" });
    expect(options).toContainEqual({ code: "CN", label: "China (+86)" });
    expect(options.map((o) => o.label)).toEqual([...options.map((o) => o.label)].sort((a, b) => a.localeCompare(b, "en")));
  });

  it("adds the configured default country when it is not a common one", () => {
    expect(phoneCountryOptions("IS")).toContainEqual({ code: "IS", label: "Iceland (+354)" });
    expect(phoneCountryOptions("US").some((o) => o.code === "IS")).toBe(false);
  });

  it("names the countries in the reader's language, sorted in it", () => {
    const options = phoneCountryOptions("US", "zh-CN");
    expect(options).toContainEqual({ code: "CN", label: "中国 (+86)" });
    expect(options).toContainEqual({ code: "US", label: "美国 (+1)" });
    expect(options).toContainEqual({ code: "HK", label: "中国香港 (+852)" });
    expect(options.map((o) => o.label)).toEqual([...options.map((o) => o.label)].sort((a, b) => a.localeCompare(b, "zh-CN")));
  });
});

describe("the preset questions in the reader's language", () => {
  it("words every preset by its id; the English words are the stored text", () => {
    for (const q of SECURITY_QUESTIONS) {
      const key = securityQuestionKey(q);
      expect(key).toMatch(/^Account\.questions\.presets\./);
      expect(enText(key!)).toBe(q);
      expect((tZh as unknown as (k: string) => string)(key!)).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(securityQuestionKey("What is your password?")).toBeNull();
  });
});
