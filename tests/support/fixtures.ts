import { vi } from "vitest";
import { getDb } from "@/server/db";
import { seedDemoData } from "@/server/seed/seed-demo-data";
import type { RequestMeta } from "@/server/request-meta";
import { sendNotice, type Notice } from "@/server/sms/account-notice";
import { createCaptchaChallenge } from "@/server/captcha/create-captcha";
import { resetDatabase } from "./db";
import { DEMO } from "./demo-accounts";

export const meta: RequestMeta = { ip: "203.0.113.7", userAgent: "vitest" };
export const otherMeta: RequestMeta = { ip: "198.51.100.9", userAgent: "vitest" };

/** Empty tables, then the README's demo data. */
export async function freshDemo(): Promise<void> {
  await resetDatabase();
  await seedDemoData();
}

export async function accountByAddress(address: string) {
  return getDb().mailAccount.findUniqueOrThrow({ where: { address } });
}

export async function operatorByEmail(email: string) {
  return getDb().cloudAccount.findUniqueOrThrow({ where: { email } });
}

/** An operator as the console's domain functions take it (reauthAt: its last console-password confirmation, ms). */
export async function consoleOperator(email = DEMO.ops.email, reauthAt: number | null = null) {
  const o = await operatorByEmail(email);
  return { id: o.id, email: o.email, reauthAt };
}

export async function auditActions(filter: { targetId?: string; action?: string } = {}) {
  return getDb().auditEvent.findMany({ where: filter, orderBy: { createdAt: "asc" } });
}

/**
 * Real Postgres and argon2, fake Date only: every expiry is moved by the test,
 * not waited for. It starts just after the real now, so rows written before
 * (the seed) stay older than rows written under the fake clock.
 */
export function useFakeClock(start = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000)): {
  advance(ms: number): void;
  set(d: Date): void;
} {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(start);
  return {
    advance: (ms) => vi.setSystemTime(new Date(Date.now() + ms)),
    set: (d) => vi.setSystemTime(d),
  };
}

/** The sealed claims of a real logon (a Session row), as the cookie would carry them. */
export async function sessionClaims(
  kind: "mail" | "console",
  account: { id: string; sessionVersion: number },
  m: RequestMeta = meta,
  opts: { setupOnly?: boolean } = {},
) {
  const { createSessionRecord } = await import("@/server/auth/session-store");
  const sessionId = await createSessionRecord({ kind, account, ...opts }, m);
  const t = Date.now();
  return { accountId: account.id, sessionId, version: account.sessionVersion, loggedInAt: t, lastSeenAt: t };
}

/** What the web layer does after a change's response: sends the SMS notices the domain function returned. */
export async function sendReturnedNotice(result: { ok: boolean; notice?: Notice | null; notices?: readonly Notice[] }): Promise<void> {
  if (!result.ok) return;
  for (const n of [...(result.notice ? [result.notice] : []), ...(result.notices ?? [])]) await sendNotice(n);
}

/** A live captcha challenge answered with the test word (needs CAPTCHA_TEST_MODE=1). */
export async function passedCaptcha(m: RequestMeta = meta): Promise<{ captchaId: string; captchaAnswer: string }> {
  const c = await createCaptchaChallenge({}, m);
  if (!c.ok) throw new Error("captcha rate limited in a test");
  return { captchaId: c.id, captchaAnswer: "PASSED" };
}
