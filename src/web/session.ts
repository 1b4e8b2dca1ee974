import "server-only";
import { cookies } from "next/headers";
import { getIronSession, type IronSession } from "iron-session";
import { now } from "@/server/clock";
import { sessionOptions } from "@/server/auth/session-options";
import type { SessionData, SessionKind } from "@/server/auth/session-policy";
import { createSessionRecord, revokeSessionRecord } from "@/server/auth/session-store";
import type { RequestMeta } from "@/server/request-meta";
import { isHttpsRequest } from "@/web/cookies";

/** Adapter between iron-session and Next's cookie store (actions, route handlers, pages). */
export async function openSession(kind: SessionKind): Promise<IronSession<SessionData>> {
  return getIronSession<SessionData>(await cookies(), sessionOptions(kind, await isHttpsRequest()));
}

/** A fresh session for a successful logon: a new Session row, and nothing of the old cookie is kept. */
export async function startSession(
  kind: SessionKind,
  account: { id: string; sessionVersion: number; setupOnly?: boolean },
  meta: RequestMeta,
): Promise<void> {
  const session = await openSession(kind);
  // The session this browser held before (another account's, a planted one, a setup-only one) ends here: a
  // copy of its cookie opens nothing once the browser has logged on again (OWASP Session Management: renew
  // the session at logon and end the one it replaces).
  if (session.sessionId) await revokeSessionRecord({ sessionId: session.sessionId, reason: "replaced" });
  const sessionId = await createSessionRecord({ kind, account, setupOnly: account.setupOnly }, meta);
  const t = now().getTime();
  for (const key of Object.keys(session) as Array<keyof SessionData>) delete session[key];
  session.accountId = account.id;
  session.sessionId = sessionId;
  session.version = account.sessionVersion;
  session.loggedInAt = t;
  session.lastSeenAt = t;
  await session.save();
}

/** Log Off: the Session row is revoked on the server (a copy of the cookie opens nothing), and the cookie goes. */
export async function endSession(kind: SessionKind, reason = "logout"): Promise<void> {
  const session = await openSession(kind);
  if (session.sessionId) await revokeSessionRecord({ sessionId: session.sessionId, reason });
  session.destroy();
}

/** Only in actions/route handlers: records a fresh console re-authentication. */
export async function markReauthenticated(): Promise<void> {
  const session = await openSession("console");
  session.reauthAt = now().getTime();
  await session.save();
}
