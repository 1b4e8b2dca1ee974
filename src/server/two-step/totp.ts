import "server-only";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { getDb } from "@/server/db";
import { openSecret, sealSecret } from "@/server/security/secret-box";
import { TWO_STEP } from "./two-step-policy";

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

/**
 * Checks a code against the account's confirmed secret and uses up its
 * step: a code (or an older one) already accepted is refused, also when two
 * requests race with it.
 */
export async function useTotpCode(accountId: string, token: string, at: Date): Promise<boolean> {
  const a = await getDb().mailAccount.findUnique({
    where: { id: accountId },
    select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true },
  });
  if (!a?.totpEnabledAt) return false;
  const step = matchTotpStep(a.totpSecret, token, at);
  if (step === null) return false;
  const used = await getDb().mailAccount.updateMany({
    where: { id: accountId, totpEnabledAt: { not: null }, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return used.count === 1;
}
