import "server-only";
import type { SessionKind as SessionRecordKindEnum } from "@/generated/prisma/enums";
import { addMs, HOUR, now } from "@/server/clock";
import { getDb, type Tx } from "@/server/db";
import { newToken } from "@/server/ids";
import type { RequestMeta } from "@/server/request-meta";
import { SESSION_POLICY, TOUCH_INTERVAL_MS, type SessionKind } from "./session-policy";
import { purgeSometimes } from "@/server/purge-sometimes";

/**
 * Session rows (one per logon): the server's side of a sealed cookie. A row
 * that is revoked, or whose version is behind the account's sessionVersion,
 * no longer opens anything, whatever copy of the cookie is replayed.
 */
export type SessionRecordKind = SessionRecordKindEnum;

const recordKind = (kind: SessionKind): SessionRecordKind => (kind === "mail" ? "MAIL" : "CONSOLE");

const owner = (kind: SessionKind, accountId: string) => (kind === "mail" ? { mailAccountId: accountId } : { cloudAccountId: accountId });

/** A new row for a successful logon; returns its id (128 bits from the CSPRNG). `setupOnly`: see Session.setupOnly. */
export async function createSessionRecord(
  input: { kind: SessionKind; account: { id: string; sessionVersion: number }; setupOnly?: boolean },
  meta: RequestMeta,
): Promise<string> {
  const { kind, account } = input;
  const id = newToken();
  const at = now();
  await getDb().session.create({
    data: {
      id,
      kind: recordKind(kind),
      ...owner(kind, account.id),
      version: account.sessionVersion,
      ip: meta.ip,
      userAgent: meta.userAgent,
      createdAt: at,
      lastSeenAt: at,
      setupOnly: input.setupOnly ?? false,
    },
  });
  await maybePurgeOldSessions(at);
  return id;
}

/** Moves lastSeenAt forward, at most once a minute per session (the list of sessions shows it). */
export async function touchSessionRecord(id: string, lastSeenAt: Date): Promise<void> {
  const at = now();
  if (at.getTime() - lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return;
  await getDb().session.updateMany({ where: { id, revokedAt: null }, data: { lastSeenAt: at } });
}

/** Ends one session (Log Off). A no-op for a row that is gone or already revoked. */
export async function revokeSessionRecord(input: { sessionId: string; reason: string }): Promise<void> {
  await getDb().session.updateMany({
    where: { id: input.sessionId, revokedAt: null },
    data: { revokedAt: now(), revokedReason: input.reason },
  });
}

/** Ends every session of an account but `keepId` (when given); returns how many were live. */
export async function revokeAccountSessions(
  kind: SessionKind,
  accountId: string,
  reason: string,
  keepId?: string,
  tx?: Tx,
): Promise<number> {
  const { count } = await (tx ?? getDb()).session.updateMany({
    where: { ...owner(kind, accountId), kind: recordKind(kind), revokedAt: null, ...(keepId ? { id: { not: keepId } } : {}) },
    data: { revokedAt: now(), revokedReason: reason },
  });
  return count;
}

export interface LiveSession {
  id: string;
  ip: string;
  userAgent: string;
  createdAt: Date;
  lastSeenAt: Date;
}

/** The account's sessions that would still open: not revoked, current version, within the age and idle limits. */
export async function listLiveSessions(kind: SessionKind, accountId: string, sessionVersion: number): Promise<LiveSession[]> {
  const policy = SESSION_POLICY[kind];
  const at = now();
  return getDb().session.findMany({
    where: {
      ...owner(kind, accountId),
      kind: recordKind(kind),
      revokedAt: null,
      version: sessionVersion,
      createdAt: { gt: addMs(at, -policy.maxAgeMs) },
      // The row's lastSeenAt lags the cookie's by up to a minute.
      lastSeenAt: { gt: addMs(at, -(policy.idleMs + TOUCH_INTERVAL_MS)) },
    },
    orderBy: { lastSeenAt: "desc" },
    take: 50,
    select: { id: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
  });
}

/** Rows older than any session can live are useless: about 1 creation in 100 clears them (purgeSometimes). */
async function maybePurgeOldSessions(at: Date): Promise<void> {
  await purgeSometimes("sessions", "purge of old sessions failed", () =>
    getDb().session.deleteMany({ where: { createdAt: { lt: addMs(at, -24 * HOUR) } } }),
  );
}
