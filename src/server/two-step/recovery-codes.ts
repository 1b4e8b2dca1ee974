import "server-only";
import { randomInt } from "node:crypto";
import { now } from "@/server/clock";
import { getDb, type Tx } from "@/server/db";
import { newId } from "@/server/ids";
import { dataDigest, dataDigestMatches } from "@/server/security/data-digest";
import { TWO_STEP, type TwoStepOwner } from "./two-step-policy";

/**
 * One-use recovery codes for a lost authenticator app: 10 codes of 10
 * characters ("k7m2p-x9qtr", 50 bits each) from an alphabet without look-alikes,
 * shown once and stored as HMACs bound to the account (mail or operator).
 */
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const purpose = (owner: TwoStepOwner) => `two-step-recovery:${owner.kind}:${owner.id}`;
const ownedBy = (owner: TwoStepOwner) => (owner.kind === "mail" ? { accountId: owner.id } : { cloudAccountId: owner.id });

/** What a person typed, as it was generated: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(input: string): string {
  const raw = input.toLowerCase().replace(/[\s-]/g, "");
  return raw.length === 10 ? `${raw.slice(0, 5)}-${raw.slice(5)}` : raw;
}

function newCode(): string {
  const pick = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${pick()}-${pick()}`;
}

/** Replaces every code of the account with 10 new ones; returns them (the only time they exist in clear). */
export async function replaceRecoveryCodes(owner: TwoStepOwner, tx: Tx): Promise<string[]> {
  const codes = Array.from({ length: TWO_STEP.recoveryCodes }, newCode);
  const at = now();
  await tx.twoStepRecoveryCode.deleteMany({ where: ownedBy(owner) });
  await tx.twoStepRecoveryCode.createMany({
    data: codes.map((c) => ({ id: newId(), ...ownedBy(owner), codeHash: dataDigest(purpose(owner), c), createdAt: at })),
  });
  return codes;
}

/** Uses up one unused code that matches; false when none does (or a parallel request took it). */
export async function useRecoveryCode(owner: TwoStepOwner, input: string): Promise<boolean> {
  const code = normalizeRecoveryCode(input);
  if (!/^[a-z0-9]{5}-[a-z0-9]{5}$/.test(code)) return false;
  const unused = await getDb().twoStepRecoveryCode.findMany({
    where: { ...ownedBy(owner), usedAt: null },
    select: { id: true, codeHash: true },
  });
  const match = unused.find((c) => dataDigestMatches(c.codeHash, purpose(owner), code));
  if (!match) return false;
  return (await getDb().twoStepRecoveryCode.updateMany({ where: { id: match.id, usedAt: null }, data: { usedAt: now() } })).count === 1;
}

export function countUnusedRecoveryCodes(owner: TwoStepOwner): Promise<number> {
  return getDb().twoStepRecoveryCode.count({ where: { ...ownedBy(owner), usedAt: null } });
}

/** Every code of the owner goes (the app was turned off). */
export async function dropRecoveryCodes(owner: TwoStepOwner, tx: Tx): Promise<void> {
  await tx.twoStepRecoveryCode.deleteMany({ where: ownedBy(owner) });
}
