import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import { uniqueMobile } from "./recovery";
import { signedInPage } from "./sessions";
import { DEMO } from "../../tests/support/demo-accounts";

/**
 * Helpers of the console e2e specs (Scenario 3). Data set-up and clean-up go
 * straight to the run's database, as in fixtures.ts: they are test plumbing,
 * not product behaviour.
 */
export const OPS = { email: DEMO.ops.email, password: DEMO.ops.password };
export const OPS2 = { email: DEMO.ops2.email, password: DEMO.ops2.password };
export const POSTMASTER = { email: DEMO.postmaster.email, password: DEMO.postmaster.password, mobile: DEMO.postmaster.mobile };
/** What the article test sets postmaster@example.com's password to (restored afterwards, see restoreMailPassword). */
export const POSTMASTER_PASSWORD_AFTER_CONSOLE_RESET = "Harbor#Lights2027";

/** An operator's session without the logon form (the logon has specs of its own), on Email Services. */
export async function logOnConsole(page: Page, who: { email: string }): Promise<void> {
  await signedInPage(page, "console", who.email, "/console");
  await expect(page).toHaveURL(/\/console$/);
}

export async function domainIdOf(name: string): Promise<string> {
  const { getDb } = await import("@/server/db");
  return (await getDb().domain.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
}

export async function mailAccountState(address: string) {
  const { getDb } = await import("@/server/db");
  const a = await getDb().mailAccount.findUniqueOrThrow({ where: { address }, omit: { passwordHash: false } });
  const history = await getDb().passwordHistory.count({ where: { mailAccountId: a.id } });
  return { hash: a.passwordHash, sessionVersion: a.sessionVersion, passwordChangedAt: a.passwordChangedAt.toISOString(), history };
}

export async function auditEventsSince(since: Date, action: string) {
  const { getDb } = await import("@/server/db");
  return getDb().auditEvent.findMany({ where: { action, createdAt: { gte: since } }, orderBy: { createdAt: "asc" } });
}

let counter = 0;

/**
 * A throwaway cloud operator owning one new domain with a postmaster, so
 * specs that change passwords do not disturb the demo logons other specs use.
 */
export async function createConsoleOperator() {
  const { getDb } = await import("@/server/db");
  const { newId } = await import("@/server/ids");
  const { hashSecret } = await import("@/server/security/password-hash");
  const { createMailAccount } = await import("@/server/accounts/create-mail-account");
  const tag = `${Date.now().toString(36)}${counter++}`;
  const operator = { id: newId(), email: `e2e-ops-${tag}@cloud.example.net`, password: "Cloud#Console2026" };
  const hash = await hashSecret(operator.password);
  const at = new Date();
  await getDb().cloudAccount.create({
    data: { id: operator.id, email: operator.email, name: `E2E Ops ${tag}`, passwordHash: hash, passwordChangedAt: at },
  });
  await getDb().passwordHistory.create({ data: { id: newId(), cloudAccountId: operator.id, passwordHash: hash, createdAt: at } });
  const domain = { id: newId(), name: `e2e-${tag}.example.net` };
  await getDb().domain.create({ data: { id: domain.id, name: domain.name, ownerId: operator.id, weakPasswordKeywords: ["harbor"] } });
  const pm = await createMailAccount({
    domainId: domain.id,
    localPart: "postmaster",
    displayName: "Postmaster",
    role: "POSTMASTER",
    password: "Admin#Domain2026",
    // Postmasters log on in two steps: this one by SMS, as the demo's do.
    secureMobile: uniqueMobile(),
  });
  if (!pm.ok) throw new Error(`cannot create the postmaster of ${domain.name}: ${pm.error}`);
  return { ...operator, domain: { ...domain, postmaster: { id: pm.id, address: pm.address, password: "Admin#Domain2026" } } };
}

/**
 * TEST CLEAN-UP, NOT PRODUCT BEHAVIOUR. The article test really resets
 * postmaster@example.com, whose demo password other specs of the same run log
 * on with; the password history forbids setting it back through the UI. So the
 * spec's afterAll writes the original hash back directly, clears the flags and
 * lock, and drops the history rows the test added.
 */
export async function restoreMailPassword(address: string, password: string, since: Date): Promise<void> {
  const { getDb } = await import("@/server/db");
  const { hashSecret } = await import("@/server/security/password-hash");
  const db = getDb();
  const account = await db.mailAccount.findUniqueOrThrow({ where: { address }, select: { id: true } });
  await db.$transaction([
    db.mailAccount.update({
      where: { id: account.id },
      data: {
        passwordHash: await hashSecret(password),
        mustChangePassword: false,
        failedLogonCount: 0,
        lastFailedLogonAt: null,
        lockedUntil: null,
        lockCount: 0,
      },
    }),
    db.passwordHistory.deleteMany({ where: { mailAccountId: account.id, createdAt: { gte: since } } }),
  ]);
}

/**
 * Clicks a form's button and waits for its server action to answer, so the
 * next step never reads the previous answer's messages (or types into a form
 * that React is about to reset).
 */
export async function submitForm(page: Page, name = "Submit"): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]),
    page.getByRole("button", { name }).click(),
  ]);
}

/** Test clean-up: an operator with no stored language (a logon then follows the browser's). */
export async function forgetOperatorLocale(email: string): Promise<void> {
  const { getDb } = await import("@/server/db");
  await getDb().cloudAccount.update({ where: { email }, data: { locale: null } });
}
