import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { currentDataKey, dataKeyById, dataSubkey } from "./data-keys";
import { derivedKey, verifyingSecrets } from "./hmac";

/**
 * Secrets the server must read back (an authenticator app's TOTP key) are
 * stored encrypted with AES-256-GCM under the data key (data-keys.ts):
 * "v2.<key id>.<iv>.<tag>.<ciphertext>" (base64url), the key id and the
 * purpose bound as associated data. A database dump alone yields no key;
 * DATA_ENCRYPTION_KEY_PREVIOUS still opens what an earlier key sealed until
 * `npm run data:reseal` moves it to the current one.
 *
 * "v1.<iv>.<tag>.<ciphertext>" is the format before the data key, sealed
 * under SESSION_SECRET: still opened with the session secrets (current and
 * previous), never written any more; data:reseal moves those rows too.
 */
const V2 = "v2";
const V1 = "v1";

const associated = (keyId: string, purpose: string) => Buffer.from(`${V2}.${keyId}\u0000${purpose}`);
const legacyKey = (secret: string) => derivedKey(secret, "secret-box");

export function sealSecret(plain: string, purpose: string): string {
  const key = currentDataKey();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", dataSubkey(key, "secret-box"), iv);
  cipher.setAAD(associated(key.id, purpose));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [V2, key.id, ...[iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url"))].join(".");
}

/** Which key sealed it: a data key's id, "v1" (the session secret, before the data key), or null (not a sealed value). */
export function sealedKeyId(sealed: string | null | undefined): string | null {
  const parts = sealed?.split(".");
  if (parts?.length === 5 && parts[0] === V2) return parts[1];
  if (parts?.length === 4 && parts[0] === V1) return V1;
  return null;
}

/** The plain text, or null when no configured key opens it (or `purpose` differs). */
export function openSecret(sealed: string | null | undefined, purpose: string): string | null {
  const parts = sealed?.split(".");
  if (parts?.length === 5 && parts[0] === V2) {
    const key = dataKeyById(parts[1]);
    return key ? decrypt(dataSubkey(key, "secret-box"), associated(key.id, purpose), parts.slice(2)) : null;
  }
  if (parts?.length === 4 && parts[0] === V1) {
    for (const secret of verifyingSecrets()) {
      const plain = decrypt(legacyKey(secret), Buffer.from(purpose), parts.slice(1));
      if (plain !== null) return plain;
    }
  }
  return null;
}

function decrypt(key: Buffer, aad: Buffer, [iv, tag, body]: string[]): string | null {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null; // not this key, or not this purpose
  }
}
