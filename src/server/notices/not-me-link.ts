import "server-only";
import { getEnv } from "@/env";
import { addMs, DAY } from "@/server/clock";
import { getDb, type Tx } from "@/server/db";
import { newToken } from "@/server/ids";
import { hmacCandidates, hmacDigest } from "@/server/security/hmac";

/**
 * "This wasn't me" (SECURITY.md "Second step and recovery strength"): each
 * notice to an account's owner carries a link that works once, for 7 days.
 * The link holds a random 128-bit token and nothing about the account; the
 * row keeps only the token's HMAC, so neither a log of the row nor a dump of
 * the table opens anything.
 */
export const NOT_ME = { ttlMs: 7 * DAY, path: "/not-me" } as const;

const PURPOSE = "not-me-link";
const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** Where links in notices point: the public address (APP_URL), or this local run's. */
export function publicUrl(path: string): string {
  const env = getEnv();
  return new URL(path, env.APP_URL ?? `http://localhost:${env.PORT}`).toString();
}

/** A new link for a notice about `event`; its address. */
export async function issueNotMeLink(accountId: string, event: string, at: Date, tx?: Tx): Promise<string> {
  const token = newToken();
  await (tx ?? getDb()).notMeLink.create({
    data: { id: hmacDigest(PURPOSE, token), mailAccountId: accountId, event, createdAt: at, expiresAt: addMs(at, NOT_ME.ttlMs) },
  });
  return publicUrl(`${NOT_ME.path}/${token}`);
}

/** The link's row while it can still be used (unused, within its 7 days); null for anything else. */
export async function findLiveNotMeLink(token: string | undefined, at: Date) {
  if (!token || !TOKEN.test(token)) return null;
  const row = await getDb().notMeLink.findFirst({ where: { id: { in: hmacCandidates(PURPOSE, token) } } });
  return row && !row.usedAt && row.expiresAt > at ? row : null;
}
