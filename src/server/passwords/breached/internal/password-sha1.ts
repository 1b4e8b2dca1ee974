import { createHash } from "node:crypto";

/**
 * SHA-1 of the password as the service hashes it (NFKC-normalized, UTF-8 bytes), 40 uppercase hex: the form
 * of every Pwned Passwords list. Only its first 5 characters ever leave the process (SECURITY.md "Passwords").
 */
export function passwordSha1(password: string): string {
  return createHash("sha1").update(password.normalize("NFKC"), "utf8").digest("hex").toUpperCase();
}
