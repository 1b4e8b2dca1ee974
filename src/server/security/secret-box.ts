import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv } from "@/env";
import { derivedKey, verifyingSecrets } from "./hmac";

/**
 * Secrets the server must read back (an authenticator app's TOTP key) are
 * stored encrypted: AES-256-GCM under a key derived from SESSION_SECRET
 * ("v1.<iv>.<tag>.<ciphertext>", base64url). A database dump alone yields
 * no key; SESSION_SECRET_PREVIOUS still opens what was sealed before a
 * rotation.
 */
const keyOf = (secret: string) => derivedKey(secret, "secret-box");

export function sealSecret(plain: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(getEnv().SESSION_SECRET), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The plain text, or null when no current or previous secret opens it (or `purpose` differs). */
export function openSecret(sealed: string | null | undefined, purpose: string): string | null {
  const parts = sealed?.split(".");
  if (!parts || parts.length !== 4 || parts[0] !== "v1") return null;
  const [iv, tag, body] = parts.slice(1).map((p) => Buffer.from(p, "base64url"));
  for (const secret of verifyingSecrets()) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", keyOf(secret), iv);
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
    } catch {
      // not this secret
    }
  }
  return null;
}
