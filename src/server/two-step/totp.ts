import "server-only";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import type { Prisma } from "@/generated/prisma/client";
import { getDb, type Tx } from "@/server/db";
import { openSecret, sealSecret } from "@/server/security/secret-box";
import { TWO_STEP, type TwoStepOwner } from "./two-step-policy";

/** Authenticator apps (RFC 6238 with the otpauth library): SHA-1, 6 digits, 30 s, as every app reads them. */
const SEAL_PURPOSE = "totp-secret";

function totpFor(secretBase32: string, label = ""): TOTP {
  return new TOTP({
    issuer: TWO_STEP.totp.issuer,
    label,
    algorithm: "SHA1",
    digits: TWO_STEP.totp.digits,
    period: TWO_STEP.totp.periodSec,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new 160-bit secret, sealed for the database, with what the setup page shows. */
export function newTotpSecret(address: string): { sealed: string; base32: string; uri: string } {
  const base32 = new Secret({ size: 20 }).base32;
  return { sealed: sealSecret(base32, SEAL_PURPOSE), base32, uri: totpFor(base32, address).toString() };
}

/** The setup page's view of a sealed secret: the key to type in and the otpauth:// URI its QR code holds. */
export function describeTotpSecret(sealed: string | null, address: string): { base32: string; uri: string } | null {
  const base32 = openSecret(sealed, SEAL_PURPOSE);
  return base32 ? { base32, uri: totpFor(base32, address).toString() } : null;
}

/** The QR code as an SVG drawn on the server (no third party sees the secret). */
export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/** The 30-second step `token` belongs to at `at` (±1 step for clock drift), or null. */
export function matchTotpStep(sealed: string | null, token: string, at: Date): number | null {
  const base32 = openSecret(sealed, SEAL_PURPOSE);
  if (!base32 || !/^\d{6}$/.test(token)) return null;
  const delta = totpFor(base32).validate({ token, timestamp: at.getTime(), window: TWO_STEP.totp.window });
  return delta === null ? null : Math.floor(at.getTime() / 1000 / TWO_STEP.totp.periodSec) + delta;
}

/** The owner's TOTP columns (mail account or operator): the same four on both tables. */
export interface TotpColumns {
  totpSecret: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
  totpPendingSecret: string | null;
}

const TOTP_SELECT = { totpSecret: true, totpEnabledAt: true, totpLastStep: true, totpPendingSecret: true } as const;

export async function readTotp(owner: TwoStepOwner): Promise<TotpColumns | null> {
  const where = { where: { id: owner.id }, select: TOTP_SELECT };
  return owner.kind === "mail" ? getDb().mailAccount.findUnique(where) : getDb().cloudAccount.findUnique(where);
}

/** A conditional update of the owner's TOTP columns; true when the row matched. */
export async function updateTotp(
  owner: TwoStepOwner,
  where: Prisma.MailAccountWhereInput & Prisma.CloudAccountWhereInput,
  data: Partial<TotpColumns>,
  tx?: Tx,
): Promise<boolean> {
  const db = tx ?? getDb();
  const args = { where: { ...where, id: owner.id }, data };
  const { count } = owner.kind === "mail" ? await db.mailAccount.updateMany(args) : await db.cloudAccount.updateMany(args);
  return count === 1;
}

/**
 * Checks a code against the owner's confirmed secret and uses up its step:
 * a code (or an older one) already accepted is refused, also when two
 * requests race with it.
 */
export async function useTotpCode(owner: TwoStepOwner, token: string, at: Date): Promise<boolean> {
  const a = await readTotp(owner);
  if (!a?.totpEnabledAt) return false;
  const step = matchTotpStep(a.totpSecret, token, at);
  if (step === null) return false;
  return updateTotp(
    owner,
    { totpEnabledAt: { not: null }, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    { totpLastStep: step },
  );
}
