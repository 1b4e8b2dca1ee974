import { createCipheriv, randomBytes } from "node:crypto";
import { resetEnvCache } from "@/env";
import { derivedKey } from "@/server/security/hmac";

/**
 * The configuration of stored secrets for a test (DATA_ENCRYPTION_KEY and
 * SESSION_SECRET, each with its previous values), and values made as
 * Postkey made them before the data key (sealed or digested under
 * SESSION_SECRET), for the upgrade paths.
 */
export const DATA_KEYS = {
  a: "cI2PVd/SN2OuZik3acUtxPlCuL7ks3a3s82JUsYfhlM=",
  b: "HGbC5iD1TCs+2CoKrNfUfkI8bvVdhLv9Wne5oXos4q4=",
  c: "4wRL2ObeCupqO3QPF5JQ8xrMEoSq2BZtkoXPMP6G9VA=",
};
export const SESSION_SECRETS = {
  old: "old-session-secret-0123456789-abcdefghijklmnopq",
  new: "new-session-secret-0123456789-abcdefghijklmnopq",
};

const VARS = ["DATA_ENCRYPTION_KEY", "DATA_ENCRYPTION_KEY_PREVIOUS", "SESSION_SECRET", "SESSION_SECRET_PREVIOUS"] as const;
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));

export function useKeys(keys: { data: string; dataPrevious?: string; session?: string; sessionPrevious?: string }): void {
  const values = [keys.data, keys.dataPrevious, keys.session ?? saved.SESSION_SECRET, keys.sessionPrevious];
  VARS.forEach((k, i) => {
    if (values[i] === undefined) delete process.env[k];
    else process.env[k] = values[i];
  });
  resetEnvCache();
}

export function restoreKeys(): void {
  for (const k of VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetEnvCache();
}

/** A value sealed as secret-box.ts sealed it before the data key: "v1.<iv>.<tag>.<ciphertext>" under SESSION_SECRET. */
export function sealV1(plain: string, purpose: string, sessionSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey(sessionSecret, "secret-box"), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}
