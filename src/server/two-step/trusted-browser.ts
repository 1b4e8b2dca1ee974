import "server-only";
import { sealData, unsealData } from "iron-session";
import { AuditAction } from "@/server/audit/audit-action";
import { auditOwnChange } from "@/server/audit/audit-own-change";
import type { CredentialKind } from "@/server/auth/credential-store";
import { passwordMap } from "@/server/auth/session-options";
import { addMs, MINUTE, now } from "@/server/clock";
import { getDb, transaction, type Tx } from "@/server/db";
import { newToken } from "@/server/ids";
import type { RequestMeta } from "@/server/request-meta";
import { TWO_STEP } from "./two-step-policy";

/**
 * "Trust this browser for 30 days": a TrustedBrowser row per browser and
 * account, named by a sealed cookie that lists this browser's rows. The row
 * decides (SECURITY.md "Second step"): trust ends when it is revoked ("Log
 * off all other sessions", "Sign out everywhere", "Forget" on Account
 * Security), when it expires, or when the account's sessionVersion moves (a
 * reset, a disable). Another browser never had it; a copied cookie opens
 * only rows that are still live, and Account Security lists them.
 */
export const TRUSTED_COOKIE = { name: "postkey_trusted", maxAgeSec: TWO_STEP.trustMs / 1000, sameSite: "lax" } as const;

export interface TrustSubject {
  kind: CredentialKind;
  id: string;
  sessionVersion: number;
}

interface TrustEntry {
  /** the TrustedBrowser row */
  i: string;
  /** its account */
  a: string;
}

/** At most this many accounts per browser (a shared front-desk machine): the oldest trust goes first. */
const MAX_ENTRIES = 5;
/** lastUsedAt moves at most this often (the list shows it). */
const TOUCH_MS = 5 * MINUTE;

const owner = (kind: CredentialKind, id: string) => (kind === "mail" ? { mailAccountId: id } : { cloudAccountId: id });
const rowKind = (kind: CredentialKind) => (kind === "mail" ? ("MAIL" as const) : ("CONSOLE" as const));

async function entries(sealed: string | undefined): Promise<TrustEntry[]> {
  if (!sealed) return [];
  try {
    const data = await unsealData<{ t?: TrustEntry[] }>(sealed, { password: passwordMap(), ttl: TRUSTED_COOKIE.maxAgeSec });
    return Array.isArray(data.t) ? data.t.filter((x) => typeof x?.i === "string" && typeof x.a === "string") : [];
  } catch {
    return [];
  }
}

/** The live trust row this browser holds for the account, if any. */
async function liveTrust(sealed: string | undefined, account: TrustSubject, at: Date) {
  const ids = (await entries(sealed)).filter((x) => x.a === account.id).map((x) => x.i);
  if (!ids.length) return null;
  return getDb().trustedBrowser.findFirst({
    where: {
      id: { in: ids },
      kind: rowKind(account.kind),
      ...owner(account.kind, account.id),
      version: account.sessionVersion,
      revokedAt: null,
      expiresAt: { gt: at },
    },
    select: { id: true, lastUsedAt: true },
  });
}

/** The browser skips the second step for this account (its row is live); its last use is noted. */
export async function isTrustedBrowser(sealed: string | undefined, account: TrustSubject, at: Date): Promise<boolean> {
  const row = await liveTrust(sealed, account, at);
  if (!row) return false;
  if (at.getTime() - row.lastUsedAt.getTime() >= TOUCH_MS) {
    await getDb().trustedBrowser.updateMany({ where: { id: row.id, revokedAt: null }, data: { lastUsedAt: at } });
  }
  return true;
}

/** This browser's trust row for the account ("Log off all other sessions" keeps it). */
export async function currentTrustId(sealed: string | undefined, account: TrustSubject): Promise<string | null> {
  return (await liveTrust(sealed, account, now()))?.id ?? null;
}

/** A new trust row for 30 days from now; the cookie's new value (this browser's other live entries kept). */
export async function trustBrowser(sealed: string | undefined, account: TrustSubject, meta: RequestMeta): Promise<string> {
  const at = now();
  const id = newToken();
  await getDb().trustedBrowser.create({
    data: {
      id,
      kind: rowKind(account.kind),
      ...owner(account.kind, account.id),
      version: account.sessionVersion,
      ip: meta.ip,
      userAgent: meta.userAgent,
      createdAt: at,
      lastUsedAt: at,
      expiresAt: addMs(at, TWO_STEP.trustMs),
    },
  });
  const kept = (await entries(sealed)).filter((x) => x.a !== account.id);
  const t = [...kept, { i: id, a: account.id }].slice(-MAX_ENTRIES);
  return sealData({ t }, { password: passwordMap(), ttl: TRUSTED_COOKIE.maxAgeSec });
}

export interface TrustedBrowserView {
  id: string;
  ip: string;
  userAgent: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
}

/** The account's live trusted browsers, newest use first. */
export function listTrustedBrowsers(account: TrustSubject): Promise<TrustedBrowserView[]> {
  return getDb().trustedBrowser.findMany({
    where: {
      kind: rowKind(account.kind),
      ...owner(account.kind, account.id),
      version: account.sessionVersion,
      revokedAt: null,
      expiresAt: { gt: now() },
    },
    orderBy: { lastUsedAt: "desc" },
    take: 50,
    select: { id: true, ip: true, userAgent: true, createdAt: true, lastUsedAt: true, expiresAt: true },
  });
}

/**
 * Ends trust: one row (`only`), or every row of the account but `keepId`.
 * Returns how many were live.
 */
export async function revokeTrustedBrowsers(
  account: { kind: CredentialKind; id: string },
  reason: string,
  opts: { only?: string; keepId?: string | null } = {},
  tx?: Tx,
): Promise<number> {
  const { count } = await (tx ?? getDb()).trustedBrowser.updateMany({
    where: {
      kind: rowKind(account.kind),
      ...owner(account.kind, account.id),
      revokedAt: null,
      ...(opts.only ? { id: opts.only } : opts.keepId ? { id: { not: opts.keepId } } : {}),
    },
    data: { revokedAt: now(), revokedReason: reason },
  });
  return count;
}

/** "Forget" on Account Security: one of the account's trusted browsers is asked for the second step again. */
export async function forgetTrustedBrowser(
  input: { owner: { kind: CredentialKind; id: string; login: string; domainId: string | null }; trustId: string },
  meta: RequestMeta,
): Promise<{ ok: true } | { ok: false; error: "gone" }> {
  const { owner, trustId } = input;
  return transaction(async (tx) => {
    if ((await revokeTrustedBrowsers(owner, "forgotten_by_owner", { only: trustId }, tx)) !== 1)
      return { ok: false, error: "gone" } as const;
    await auditOwnChange(owner, AuditAction.trustedBrowserForgotten, "SUCCESS", meta, {}, tx);
    return { ok: true } as const;
  });
}
