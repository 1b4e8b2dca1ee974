import "server-only";
import { sealData, unsealData } from "iron-session";
import { passwordMap } from "@/server/auth/session-options";
import { TWO_STEP } from "./two-step-policy";

/**
 * "Trust this browser for 30 days": a sealed cookie listing the accounts
 * that passed the second step here, each with its sessionVersion then. A
 * reset, "sign out everywhere" or a disable bumps the version, so the trust
 * ends with every session; another browser never had it.
 */
export const TRUSTED_COOKIE = { name: "postkey_trusted", maxAgeSec: TWO_STEP.trustMs / 1000, sameSite: "lax" } as const;

interface TrustEntry {
  /** account id */
  a: string;
  /** its sessionVersion when trusted */
  v: number;
  /** expiry, ms since the epoch */
  e: number;
}

/** At most this many accounts per browser (a shared front-desk machine): the oldest trust goes first. */
const MAX_ENTRIES = 5;

async function entries(sealed: string | undefined): Promise<TrustEntry[]> {
  if (!sealed) return [];
  try {
    const data = await unsealData<{ t?: TrustEntry[] }>(sealed, { password: passwordMap(), ttl: TRUSTED_COOKIE.maxAgeSec });
    return Array.isArray(data.t)
      ? data.t.filter((x) => typeof x?.a === "string" && typeof x.v === "number" && typeof x.e === "number")
      : [];
  } catch {
    return [];
  }
}

export async function isTrustedBrowser(
  sealed: string | undefined,
  account: { id: string; sessionVersion: number },
  at: Date,
): Promise<boolean> {
  return (await entries(sealed)).some((x) => x.a === account.id && x.v === account.sessionVersion && x.e > at.getTime());
}

/** The cookie's new value with this account trusted for 30 days from `at`. */
export async function trustBrowser(sealed: string | undefined, account: { id: string; sessionVersion: number }, at: Date): Promise<string> {
  const kept = (await entries(sealed)).filter((x) => x.a !== account.id && x.e > at.getTime());
  const t = [...kept, { a: account.id, v: account.sessionVersion, e: at.getTime() + TWO_STEP.trustMs }].slice(-MAX_ENTRIES);
  return sealData({ t }, { password: passwordMap(), ttl: TRUSTED_COOKIE.maxAgeSec });
}
