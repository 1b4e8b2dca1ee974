import "server-only";
import { cookies, headers } from "next/headers";
import { getIronSession, type IronSession } from "iron-session";
import { now } from "@/server/clock";
import { isHttps, sessionOptions } from "./session-options";
import type { SessionData, SessionKind } from "./session-policy";

/** Adapter between iron-session and Next's cookie store (actions, route handlers, pages). */
export async function openSession(kind: SessionKind): Promise<IronSession<SessionData>> {
  const secure = isHttps((await headers()).get("x-forwarded-proto"));
  return getIronSession<SessionData>(await cookies(), sessionOptions(kind, secure));
}

/** A fresh session for a successful logon: nothing of the old cookie is kept. */
export async function startSession(kind: SessionKind, account: { id: string; sessionVersion: number }): Promise<void> {
  const session = await openSession(kind);
  const t = now().getTime();
  for (const key of Object.keys(session) as Array<keyof SessionData>) delete session[key];
  session.accountId = account.id;
  session.version = account.sessionVersion;
  session.loggedInAt = t;
  session.lastSeenAt = t;
  await session.save();
}

export async function endSession(kind: SessionKind): Promise<void> {
  const session = await openSession(kind);
  session.destroy();
}

/** Only in actions/route handlers: records a fresh console re-authentication. */
export async function markReauthenticated(): Promise<void> {
  const session = await openSession("console");
  session.reauthAt = now().getTime();
  await session.save();
}
