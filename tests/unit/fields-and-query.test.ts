import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { checkboxDefaultOn, emailField, hasUnreadableText, idField, passwordInput, settingCheckbox } from "@/lib/fields";
import { keyOf, parseQuery, queryFlag, queryId, queryPage, queryText } from "@/lib/query";
import { enText } from "../support/i18n";

/** A schema's first refusal as createAction words it: the message is a catalog key, a limit comes as {min}/{max}. */
function refusal(schema: z.ZodType, v: unknown) {
  const issue = schema.safeParse(v).error!.issues[0];
  const limits = { min: Number("minimum" in issue ? issue.minimum : 0), max: Number("maximum" in issue ? issue.maximum : 0) };
  return enText(issue.message, limits);
}

describe("field messages are catalog keys, worded as before", () => {
  it("email", () => {
    expect(refusal(emailField, "")).toBe("Enter your email address.");
    expect(refusal(emailField, undefined)).toBe("Enter your email address.");
    expect(refusal(emailField, `${"a".repeat(250)}@example.com`)).toBe("An email address has at most 254 characters.");
    expect(refusal(emailField, "not-an-address")).toBe("Enter a valid email address, e.g. name@example.com.");
  });

  it("passwords: each form names the one it asks for; the size cap is stated as the policy's maximum", () => {
    expect(refusal(passwordInput("Fields.errors.currentPasswordRequired"), "")).toBe("Enter your current password.");
    expect(refusal(passwordInput("Fields.errors.newPasswordAgainRequired"), undefined)).toBe("Enter the new password again.");
    expect(refusal(passwordInput("Fields.errors.passwordRequired"), "x".repeat(1025))).toBe("Passwords have at most 64 characters.");
    expect(passwordInput("Fields.errors.passwordRequired").safeParse("é".repeat(512)).success).toBe(true); // 1024 bytes
    expect(passwordInput("Fields.errors.passwordRequired").safeParse(" spaced ").data).toBe(" spaced "); // never trimmed
  });

  it("checkboxes and ids", () => {
    expect(refusal(checkboxDefaultOn, "maybe")).toBe("Choose whether a password change is required.");
    expect(refusal(settingCheckbox, undefined)).toBe("This setting was not sent. Reload the page and try again.");
    expect(refusal(idField, "")).toBe("Missing id.");
    expect(refusal(idField, "../x")).toBe("Invalid id.");
  });
});

describe('checkboxes (a hidden "off" before each box)', () => {
  it.each([
    [undefined, true],
    ["off", false],
    [["off", "on"], true],
    [["off"], false],
    ["on", true],
  ])("Require password change at next logon: %j → %s (absent means on)", (raw, value) => {
    expect(checkboxDefaultOn.parse(raw)).toBe(value);
  });

  it("a setting's checkbox that was not sent at all changes nothing: refused", () => {
    expect(settingCheckbox.safeParse(undefined).success).toBe(false);
    expect(settingCheckbox.parse(["off", "on"])).toBe(true);
    expect(settingCheckbox.parse("off")).toBe(false);
  });

  it.each([["maybe"], [["off", "yes"]], [{}], [7]])("refuses %j with a message", (raw) => {
    expect(checkboxDefaultOn.safeParse(raw).success).toBe(false);
    expect(settingCheckbox.safeParse(raw).success).toBe(false);
  });
});

describe("text no field can hold", () => {
  it.each(["a\u0000b", "\u0007", "x\u001b[31m", "\u007f", "\u0085", "bad \ufffd byte"])("%j is unreadable", (s) =>
    expect(hasUnreadableText(s)).toBe(true),
  );
  it.each(["Alice Wang", "王小明", "line\nbreak", "tab\there", "Ünïcödé ✓"])("%j is fine", (s) => expect(hasUnreadableText(s)).toBe(false));
  it("ids are [A-Za-z0-9_-] only", () => {
    expect(idField.safeParse("3f0c9a1e-8b2d-4c5e-9f7a-0123456789ab").success).toBe(true);
    for (const bad of ["", "a\u0000", "../x", "x".repeat(65), "a b", "__proto__\u0000"]) expect(idField.safeParse(bad).success).toBe(false);
  });
});

describe("query parameters never throw", () => {
  const NOTICES = { "signed-out": "You have logged off." };
  const shape = { notice: keyOf(NOTICES), q: queryText(100), page: queryPage(), id: queryId, changed: queryFlag };

  it("reads good values", () => {
    expect(parseQuery(shape, { notice: "signed-out", q: " alice ", page: "3", id: "abc-1", changed: "1" })).toEqual({
      notice: "signed-out",
      q: "alice",
      page: 3,
      id: "abc-1",
      changed: true,
    });
  });

  it.each([
    [{ notice: "__proto__" }],
    [{ notice: "constructor" }],
    [{ notice: "toString" }],
    [{ notice: ["signed-out", "x"], q: ["a", "b"] }],
    [{ q: "\u0000\ufffd" }],
    [{ q: "x".repeat(101) }],
    [{ page: "-1" }],
    [{ page: "1e9" }],
    [{ page: "NaN" }],
    [{ id: "../../etc" }],
    [{ changed: "yes" }],
    [{ q: "y".repeat(5000) }],
  ])("%j gives defaults, not an error", (raw) => {
    const parsed = parseQuery(shape, raw);
    expect(parsed.notice === undefined || parsed.notice === "signed-out").toBe(true);
    expect(parsed.page).toBeGreaterThanOrEqual(1);
    expect(parsed.page).toBeLessThanOrEqual(1_000_000);
    expect(typeof parsed.changed).toBe("boolean");
  });

  it("takes the first of a repeated parameter, from URLSearchParams too", () => {
    expect(parseQuery(shape, { notice: ["signed-out", "__proto__"] }).notice).toBe("signed-out");
    expect(parseQuery(shape, new URLSearchParams("q=a&q=b&notice=__proto__"))).toMatchObject({ q: "a", notice: undefined });
  });

  it("ignores keys the page does not know, prototype keys included", () => {
    const raw = JSON.parse('{"__proto__": {"notice": "signed-out"}, "constructor": "x"}') as Record<string, string>;
    expect(parseQuery(shape, raw)).toEqual({ notice: undefined, q: undefined, page: 1, id: undefined, changed: false });
  });
});
