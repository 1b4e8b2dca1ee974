import { createHmac, hkdfSync } from "node:crypto";

/**
 * SECURITY.md: "SMS codes and captcha answers are stored as HMAC-SHA-256 with
 * a server secret". The digest a row must hold, computed here from
 * SESSION_SECRET with node:crypto alone (never the product's hmac.ts): a key
 * derived by HKDF-SHA-256 (salt "postkey", info "hmac-short-secrets"), over
 * "<purpose>\0<value>". An unkeyed SHA-256, another key or a dropped purpose
 * does not match it.
 */
export function shortSecretDigest(purpose: string, value: string, secret = process.env.SESSION_SECRET): string {
  if (!secret) throw new Error("SESSION_SECRET is not set (tests/setup/test-env.ts sets it)");
  const key = Buffer.from(hkdfSync("sha256", secret, "postkey", "hmac-short-secrets", 32));
  return createHmac("sha256", key).update(`${purpose}\u0000${value}`).digest("hex");
}

/** The stored form of an SMS or email code: bound to its challenge (a Verification row's purpose and id). */
export const codeDigest = (row: { purpose: string; id: string }, code: string) =>
  shortSecretDigest(`sms-code:${row.purpose}:${row.id}`, code);

/** The stored form of an image code's answer (upper-case, as the product normalizes it). */
export const captchaDigest = (answer: string) => shortSecretDigest("captcha", answer);
