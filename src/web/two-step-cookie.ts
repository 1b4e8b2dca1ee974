import "server-only";
import { sealData, unsealData } from "iron-session";
import { passwordMap } from "@/server/auth/session-options";
import type { RequestMeta } from "@/server/request-meta";
import { TRUSTED_COOKIE, trustBrowser, type TrustSubject } from "@/server/two-step/trusted-browser";
import type { PendingTwoStep } from "@/server/two-step/two-step-logon";
import { TWO_STEP } from "@/server/two-step/two-step-policy";
import { deleteCookie, readCookie, writeCookie } from "./cookies";

/**
 * The pending second step rides in a sealed, HttpOnly, SameSite=Strict
 * cookie that lives as long as the attempt (10 minutes). The claims alone
 * open nothing: the attempt's row must still exist (two-step-logon.ts).
 */
const PENDING = { name: "postkey_two_step", maxAgeSec: TWO_STEP.challengeTtlMs / 1000 } as const;

/** The pending second step of this browser, when it is one of `kind`'s logons (mail or the cloud console). */
export async function readPendingTwoStep(kind: PendingTwoStep["kind"]): Promise<PendingTwoStep | null> {
  const sealed = await readCookie(PENDING.name);
  if (!sealed) return null;
  try {
    const p = await unsealData<Partial<PendingTwoStep>>(sealed, { password: passwordMap(), ttl: PENDING.maxAgeSec });
    const ok =
      p.kind === kind &&
      typeof p.challengeId === "string" &&
      typeof p.accountId === "string" &&
      typeof p.version === "number" &&
      typeof p.startedAt === "number";
    return ok ? { challengeId: p.challengeId!, kind, accountId: p.accountId!, version: p.version!, startedAt: p.startedAt! } : null;
  } catch {
    return null;
  }
}

export async function setPendingTwoStep(pending: PendingTwoStep): Promise<void> {
  const sealed = await sealData(pending, { password: passwordMap(), ttl: PENDING.maxAgeSec });
  await writeCookie(PENDING.name, sealed, { sameSite: "strict", maxAgeSec: PENDING.maxAgeSec });
}

export function clearPendingTwoStep(): Promise<void> {
  return deleteCookie(PENDING.name);
}

export function readTrustedBrowser(): Promise<string | undefined> {
  return readCookie(TRUSTED_COOKIE.name);
}

/** "Trust this browser for 30 days" was ticked and the second step passed. */
export async function rememberTrustedBrowser(account: TrustSubject, meta: RequestMeta): Promise<void> {
  const value = await trustBrowser(await readTrustedBrowser(), account, meta);
  await writeCookie(TRUSTED_COOKIE.name, value, { sameSite: TRUSTED_COOKIE.sameSite, maxAgeSec: TRUSTED_COOKIE.maxAgeSec });
}
