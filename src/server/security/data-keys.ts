import "server-only";
import { hkdfSync } from "node:crypto";
import { decodeDataKey, getEnv, type Env } from "@/env";

/**
 * The keys of stored secrets (DATA_ENCRYPTION_KEY, then each of
 * DATA_ENCRYPTION_KEY_PREVIOUS): authenticator apps' TOTP keys are sealed
 * and recovery codes digested under keys derived from them, never from
 * SESSION_SECRET, so a session rotation cannot break them
 * (docs/decisions/0010-data-key.md).
 *
 * Each key has an id: 8 base64url characters derived from the key (HKDF, so
 * it says nothing of the key). Sealed values and digests carry it, the key
 * that made them is found without trying the others, and the start counts
 * rows by id to find rows no configured key opens.
 */
export interface DataKey {
  id: string;
  bytes: Buffer;
}

const SALT = "postkey-data-key";
const hkdf = (bytes: Buffer, info: string, length: number) => Buffer.from(hkdfSync("sha256", bytes, SALT, info, length));

export function dataKeyId(bytes: Buffer): string {
  return hkdf(bytes, "key-id", 6).toString("base64url");
}

let cached: { env: Env; keys: DataKey[] } | undefined;

/** The current key first, then the previous ones (newest first). */
export function dataKeys(): DataKey[] {
  const env = getEnv();
  if (cached?.env !== env) {
    const values = [env.DATA_ENCRYPTION_KEY, ...(env.DATA_ENCRYPTION_KEY_PREVIOUS?.split(",") ?? [])];
    const keys = values.map((v) => decodeDataKey(v)).filter((b): b is Buffer => b !== null);
    cached = { env, keys: keys.map((bytes) => ({ id: dataKeyId(bytes), bytes })) };
  }
  return cached.keys;
}

export const currentDataKey = (): DataKey => dataKeys()[0];

/** The configured key with this id, if any. */
export const dataKeyById = (id: string): DataKey | undefined => dataKeys().find((k) => k.id === id);

const subkeys = new Map<string, Buffer>();

/** A 256-bit key for one use (`info`: "secret-box", "recovery-code") derived from a data key, cached. */
export function dataSubkey(key: DataKey, info: string): Buffer {
  const id = `${key.bytes.toString("base64")}\u0000${info}`;
  let sub = subkeys.get(id);
  if (!sub) {
    sub = hkdf(key.bytes, info, 32);
    subkeys.set(id, sub);
  }
  return sub;
}
