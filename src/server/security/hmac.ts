import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/env";

/**
 * Short-lived secrets (SMS codes, captcha answers, the recovery cookie's
 * browser key) are stored as HMAC-SHA-256 under a key derived from
 * SESSION_SECRET, never in clear. Like the session cookies
 * (session-options.ts), they rotate: the current secret makes new digests,
 * and SESSION_SECRET_PREVIOUS still verifies the ones made before a rotation
 * (a Forgot Password flow in progress survives it).
 */
const keys = new Map<string, Buffer>();

/** A 256-bit key for one use (`info`) derived from a session secret (HKDF-SHA-256), cached. */
export function derivedKey(secret: string, info: string): Buffer {
  const id = `${info}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "postkey", info, 32));
    keys.set(id, key);
  }
  return key;
}

const keyOf = (secret: string) => derivedKey(secret, "hmac-short-secrets");

/** The current secret first, then the previous ones (comma-separated, newest first). */
export function verifyingSecrets(): string[] {
  const env = getEnv();
  const previous = env.SESSION_SECRET_PREVIOUS?.split(",").map((s) => s.trim()) ?? [];
  return [env.SESSION_SECRET, ...previous.filter(Boolean)];
}

const digest = (secret: string, purpose: string, value: string) =>
  createHmac("sha256", keyOf(secret)).update(`${purpose}\u0000${value}`).digest();

/** `purpose` binds the value to its use (and its flow), so a hash cannot be replayed elsewhere. */
export function hmacDigest(purpose: string, value: string): string {
  return digest(getEnv().SESSION_SECRET, purpose, value).toString("hex");
}

export function hmacMatches(stored: string | null | undefined, purpose: string, value: string): boolean {
  if (!stored) return false;
  const a = Buffer.from(stored, "hex");
  return verifyingSecrets().some((secret) => {
    const b = digest(secret, purpose, value);
    return a.length === b.length && timingSafeEqual(a, b);
  });
}

/** The value's digest under each verifying secret, current first: to look a row up by the digest it was stored under. */
export function hmacCandidates(purpose: string, value: string): string[] {
  return verifyingSecrets().map((secret) => digest(secret, purpose, value).toString("hex"));
}
