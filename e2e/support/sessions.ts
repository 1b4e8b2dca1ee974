import type { BrowserContext, Page } from "@playwright/test";
import { sealData } from "iron-session";
import { BASE_URL } from "./e2e-env";

/**
 * Opens a session without the logon form, for every test whose subject is not
 * the logon itself (as epic-stack's playwright-utils does): a real Session row
 * (the app's own createSessionRecord) and a cookie sealed with the app's own
 * options, exactly what a successful logon gives the browser.
 */
export type SessionKind = "mail" | "console";

export async function openSession(
  context: BrowserContext,
  kind: SessionKind,
  login: string,
  userAgent = "Playwright e2e",
): Promise<string> {
  const { getDb } = await import("@/server/db");
  const { createSessionRecord } = await import("@/server/auth/session-store");
  const { sessionOptions } = await import("@/server/auth/session-options");
  const db = getDb();
  const account =
    kind === "mail"
      ? await db.mailAccount.findUniqueOrThrow({ where: { address: login }, select: { id: true, sessionVersion: true } })
      : await db.cloudAccount.findUniqueOrThrow({ where: { email: login }, select: { id: true, sessionVersion: true } });
  const sessionId = await createSessionRecord({ kind, account }, { ip: "127.0.0.1", userAgent });
  const options = sessionOptions(kind, false);
  const t = Date.now();
  const value = await sealData(
    { accountId: account.id, sessionId, version: account.sessionVersion, loggedInAt: t, lastSeenAt: t },
    { password: options.password, ttl: options.ttl },
  );
  const sameSite = options.cookieOptions?.sameSite === "strict" ? "Strict" : "Lax";
  await context.addCookies([{ name: options.cookieName, value, url: BASE_URL, httpOnly: true, sameSite }]);
  return account.id;
}

/** A page signed in as `login`, on `path`. */
export async function signedInPage(page: Page, kind: SessionKind, login: string, path: string): Promise<void> {
  await openSession(page.context(), kind, login);
  await page.goto(path);
}
