import "server-only";
import { randomInt } from "node:crypto";
import { SECOND } from "@/server/clock";

/**
 * Upper-case letters and digits that cannot be mistaken for one another in a
 * distorted image, dropping both sides of every confusable pair:
 * 0/O/Q/D, 1/I/L, 2/Z, 5/S, 6/G, 8/B, U/V. Answers are compared
 * case-insensitively, so lower-case forms never matter.
 */
export const CAPTCHA_ALPHABET = "ACEFHJKMNPRTWXY3479";
export const CAPTCHA_LENGTH = 5;
export const CAPTCHA_TTL_MS = 120 * SECOND;

/** The word accepted when CAPTCHA_TEST_MODE=1 (end-to-end tests cannot read images). */
export const CAPTCHA_TEST_ANSWER = "PASSED";

/** Five characters from the CSPRNG. */
export function generateCaptchaText(): string {
  let text = "";
  for (let i = 0; i < CAPTCHA_LENGTH; i++) text += CAPTCHA_ALPHABET[randomInt(CAPTCHA_ALPHABET.length)];
  return text;
}

/** What the person typed, in the form that is hashed: trimmed, inner spaces dropped, upper case. */
export function normalizeCaptchaAnswer(answer: string): string {
  return answer.slice(0, 64).replace(/\s+/g, "").toUpperCase();
}
