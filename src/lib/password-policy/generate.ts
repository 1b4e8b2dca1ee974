// Random password for postmaster/console resets. Uses Web Crypto, available
// as globalThis.crypto in browsers and Node, so this stays isomorphic.
import { checkPassword, type PolicyContext } from "./rules";

export const GENERATED_LENGTH = 16;
// Look-alikes (I, l, 1, O, 0) and quotes/backslash are left out because the
// postmaster may have to read the password out to the user.
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const LOWER = "abcdefghijkmnopqrstuvwxyz";
const DIGITS = "23456789";
const SPECIAL = "!#$%&*+-=?@^_~";
const ALL = UPPER + LOWER + DIGITS + SPECIAL;
const MAX_ATTEMPTS = 1000;

/** Uniform integer in [0, n) by rejection sampling (no modulo bias). */
function randomInt(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(buf);
    if (buf[0] < limit) return buf[0] % n;
  }
}

const pick = (chars: string) => chars[randomInt(chars.length)];

function candidate(length: number): string {
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SPECIAL)];
  while (chars.length < length) chars.push(pick(ALL));
  // Fisher-Yates, so the guaranteed characters are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}

/** 16 characters of every class (any profile accepts them), longer when the profile's minimum is. */
export function generatePassword(ctx: PolicyContext = {}): string {
  const length = Math.max(GENERATED_LENGTH, ctx.rules?.minLength ?? 0);
  // A keyword or address can appear by chance; retry. The cap only guards
  // against a pathological context, it is never reached in practice.
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const pw = candidate(length);
    if (checkPassword(pw, ctx).ok) return pw;
  }
  throw new Error("Could not generate a password that satisfies the policy.");
}
