import "server-only";
import type { OwnerLinkPurpose } from "@/generated/prisma/enums";
import { getEnv } from "@/env";
import { recordAuditEvent, type AuditInput } from "@/server/audit/record-audit-event";
import { addMs, DAY, HOUR } from "@/server/clock";
import { getDb, type Tx } from "@/server/db";
import { newToken } from "@/server/ids";
import { hmacCandidates, hmacDigest } from "@/server/security/hmac";

/**
 * One-use links in notices to an account's owner (SECURITY.md "Second step
 * and recovery strength", "Logon"): "This wasn't me" (7 days) and the
 * self-service unlock of a locked account (24 hours, the longest lock).
 * A link holds a random 128-bit token and nothing about the account; the
 * row keeps only the token's HMAC (bound to the link's purpose), so neither
 * a log of the row nor a dump of the table opens anything.
 */
export const OWNER_LINKS = {
  NOT_ME: { ttlMs: 7 * DAY, path: "/not-me", auditLabel: "not-me link" },
  UNLOCK: { ttlMs: 24 * HOUR, path: "/unlock", auditLabel: "unlock link" },
} as const satisfies Record<OwnerLinkPurpose, { ttlMs: number; path: string; auditLabel: string }>;

const TOKEN = /^[A-Za-z0-9_-]{22}$/;
const hmacPurpose = (purpose: OwnerLinkPurpose) => `owner-link:${purpose}`;

/** Where links in notices point: the public address (APP_URL), or this local run's. */
export function publicUrl(path: string): string {
  const env = getEnv();
  return new URL(path, env.APP_URL ?? `http://localhost:${env.PORT}`).toString();
}

/** A new link for a notice about `event`; its address. */
export async function issueOwnerLink(purpose: OwnerLinkPurpose, accountId: string, event: string, at: Date, tx?: Tx): Promise<string> {
  const token = newToken();
  const { ttlMs, path } = OWNER_LINKS[purpose];
  await (tx ?? getDb()).ownerLink.create({
    data: {
      id: hmacDigest(hmacPurpose(purpose), token),
      mailAccountId: accountId,
      purpose,
      event,
      createdAt: at,
      expiresAt: addMs(at, ttlMs),
    },
  });
  return publicUrl(`${path}/${token}`);
}

/** The link's row while it can still be used (this purpose, unused, not expired); null for anything else. */
export async function findLiveOwnerLink(purpose: OwnerLinkPurpose, token: string | undefined, at: Date) {
  if (!token || !TOKEN.test(token)) return null;
  const row = await getDb().ownerLink.findFirst({ where: { id: { in: hmacCandidates(hmacPurpose(purpose), token) }, purpose } });
  return row && !row.usedAt && row.expiresAt > at ? row : null;
}

/** Uses the link, once, inside the caller's transaction: false when another request used it first (or it expired). */
export async function useOwnerLink(tx: Tx, id: string, at: Date): Promise<boolean> {
  return (await tx.ownerLink.updateMany({ where: { id, usedAt: null, expiresAt: { gt: at } }, data: { usedAt: at } })).count === 1;
}

/**
 * What a used link did to its account, in the link's transaction: audited in the account's domain, the
 * actor whoever held the link (anonymous, named by the link's kind).
 */
export async function recordOwnerLinkEvent(
  purpose: OwnerLinkPurpose,
  account: { id: string; address: string; domainId: string },
  event: Pick<AuditInput, "action" | "meta" | "detail">,
  tx: Tx,
): Promise<void> {
  await recordAuditEvent(
    {
      actor: { kind: "ANONYMOUS", label: OWNER_LINKS[purpose].auditLabel },
      target: { kind: "MAIL_ACCOUNT", id: account.id, label: account.address },
      domainId: account.domainId,
      ...event,
    },
    tx,
  );
}

/** "This wasn't me", the link every notice to an owner carries. */
export const issueNotMeLink = (accountId: string, event: string, at: Date) => issueOwnerLink("NOT_ME", accountId, event, at);
