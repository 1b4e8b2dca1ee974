import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/env";

/**
 * Short-lived secrets (SMS codes, captcha answers) are stored as
 * HMAC-SHA-256 under a key derived from SESSION_SECRET, never in clear.
 */
let key: Buffer | undefined;
let keyFor: string | undefined;

function hmacKey(): Buffer {
  const secret = getEnv().SESSION_SECRET;
  if (!key || keyFor !== secret) {
    key = Buffer.from(hkdfSync("sha256", secret, "postkey", "hmac-short-secrets", 32));
    keyFor = secret;
  }
  return key;
}

/** `purpose` binds the value to its use (and its flow), so a hash cannot be replayed elsewhere. */
export function hmacDigest(purpose: string, value: string): string {
  return createHmac("sha256", hmacKey()).update(`${purpose}\u0000${value}`).digest("hex");
}

export function hmacMatches(stored: string | null | undefined, purpose: string, value: string): boolean {
  if (!stored) return false;
  const a = Buffer.from(stored, "hex");
  const b = Buffer.from(hmacDigest(purpose, value), "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
