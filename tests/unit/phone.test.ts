import { describe, expect, it } from "vitest";
import { maskPhone, normalizePhone } from "@/lib/phone";
import { enText } from "../support/i18n";

// The one refusal, as a catalog reference; the form words it.
const INVALID = { key: "Fields.errors.phoneInvalid" };

describe("maskPhone", () => {
  it.each([
    ["+14155550101", "+1 ••• ••• 0101"],
    ["+4915112345678", "+49 ••• ••• • 5678"],
    ["+447400123456", "+44 ••• ••• 3456"],
    ["+8613800138000", "+86 ••• ••• • 8000"],
    ["+33612345678", "+33 ••• •• 5678"],
    ["+6591234567", "+65 ••• • 4567"],
    ["+3548401234", "+354 ••• • 234"], // 7 digits: keep only 3
    ["+15005550001", "+1 ••• ••• 0001"],
    // Not parsable as a number: still masked, never thrown
    ["12345678", "••• • 5678"],
    ["", "•••"],
    ["+", "•••"],
  ])("%s → %s", (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it("always hides at least half of a short number", () => {
    expect(maskPhone("+6831234")).toBe("+683 •• 34"); // Niue: 4-digit numbers
  });
});

describe("normalizePhone", () => {
  it.each([
    ["+1 415 555 0101", "US", "+14155550101"],
    ["(415) 555-0101", "US", "+14155550101"],
    ["415.555.0101", "US", "+14155550101"],
    ["  +14155550101  ", "DE", "+14155550101"],
    ["01511 2345678", "DE", "+4915112345678"],
    ["+49 1511 2345678", "US", "+4915112345678"],
    ["138 0013 8000", "CN", "+8613800138000"],
    ["06 12 34 56 78", "FR", "+33612345678"],
    ["+1 500 555 0006", "US", "+15005550006"], // NANP personal number (Twilio's test range)
  ])("%s (%s) → %s", (input, country, e164) => {
    expect(normalizePhone(input, country)).toEqual({ ok: true, e164 });
  });

  it.each([
    ["", "US"],
    ["   ", "US"],
    ["hello", "US"],
    ["555-0101", "US"], // too short
    ["+1 555 555 0100", "US"], // invalid area code
    ["+49 30 12345678", "US"], // Berlin landline
    ["+44 20 7183 8750", "US"], // London landline
    ["+1 415 555 0101 ext. 5", "US"],
    ["call +14155550101 now", "US"], // the whole input must be the number
    ["4155550101", "ZZ"], // unknown default country
    ["+1" + "4".repeat(60), "US"],
  ])("%j (%s) is refused with one clear message", (input, country) => {
    expect(normalizePhone(input, country)).toEqual({ ok: false, message: INVALID });
    expect(enText(INVALID.key)).toBe("Enter a valid mobile number, e.g. +1 415 555 0101.");
  });
});
