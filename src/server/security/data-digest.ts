import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { currentDataKey, dataKeyById, dataSubkey, type DataKey } from "./data-keys";
import { hmacMatches } from "./hmac";

/**
 * Digests of long-lived one-use secrets (authenticator recovery codes):
 * HMAC-SHA-256 under a key derived from the data key, stored as
 * "v2.<key id>.<hex>", so a digest names the key it needs and a session
 * rotation never touches it.
 *
 * A digest cannot be re-keyed (it is the HMAC of a code nobody knows any
 * more), so the digests made before the data key (plain hex, under
 * SESSION_SECRET) are still verified with the session secrets, current and
 * previous; regenerating the codes moves them to the data key. Likewise a
 * digest under a previous data key verifies while that key is in
 * DATA_ENCRYPTION_KEY_PREVIOUS.
 */
const V2 = "v2";

const mac = (key: DataKey, purpose: string, value: string) =>
  createHmac("sha256", dataSubkey(key, "data-digest")).update(`${purpose}\u0000${value}`).digest();

export function dataDigest(purpose: string, value: string): string {
  const key = currentDataKey();
  return `${V2}.${key.id}.${mac(key, purpose, value).toString("hex")}`;
}

/** Which key made it: a data key's id, or "v1" (a digest under the session secret, before the data key). */
export function digestKeyId(stored: string): string {
  const parts = stored.split(".");
  return parts.length === 3 && parts[0] === V2 ? parts[1] : "v1";
}

export function dataDigestMatches(stored: string | null | undefined, purpose: string, value: string): boolean {
  if (!stored) return false;
  const parts = stored.split(".");
  if (parts.length !== 3 || parts[0] !== V2) return hmacMatches(stored, purpose, value);
  const key = dataKeyById(parts[1]);
  if (!key) return false;
  const a = Buffer.from(parts[2], "hex");
  const b = mac(key, purpose, value);
  return a.length === b.length && timingSafeEqual(a, b);
}
