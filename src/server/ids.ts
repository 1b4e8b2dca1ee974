import { randomBytes, randomUUID } from "node:crypto";

/** Row ids: random UUIDs (not guessable, not ordered). */
export function newId(): string {
  return randomUUID();
}

/** 128 bits from the CSPRNG, URL-safe: recovery flow ids and similar bearer values. */
export function newToken(): string {
  return randomBytes(16).toString("base64url");
}
