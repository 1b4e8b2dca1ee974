import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import { signedInPage } from "./sessions";
import { DEMO } from "../../tests/support/demo-accounts";

/**
 * Helpers of the domain-management console specs (Scenario 1). Look-ups go
 * straight to the run's database, as in fixtures.ts: test plumbing only.
 */
export const POSTMASTER = { email: DEMO.postmaster.email, password: DEMO.postmaster.password, mobile: DEMO.postmaster.mobile };
export const ORG_POSTMASTER = { email: DEMO.orgPostmaster.email, password: DEMO.orgPostmaster.password, mobile: DEMO.orgPostmaster.mobile };

const SHOTS = process.env.E2E_SCREENSHOTS; // a directory: save screenshots of the console there

export async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/admin-${name}.png`, fullPage: true });
}

/** A postmaster's session without the logon form (the logon has specs of its own), on Employee Accounts. */
export async function logOnAsPostmaster(page: Page, who = POSTMASTER): Promise<void> {
  await signedInPage(page, "mail", who.email, "/admin");
  await expect(page).toHaveURL(/\/admin\/accounts$/);
}

export function leftNav(page: Page) {
  return page.getByRole("navigation", { name: "Left-side navigation pane" });
}

/** "In the left-side navigation pane, choose <group> > <item>." */
export async function choose(page: Page, group: string, item: string): Promise<void> {
  await leftNav(page).getByRole("group", { name: group }).getByRole("link", { name: item }).click();
  await expect(page.getByRole("heading", { level: 1, name: item })).toBeVisible();
}

export async function openResetPassword(page: Page, accountId: string): Promise<void> {
  await page.goto(`/admin/accounts/${accountId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Edit Account" })).toBeVisible();
  await page.getByRole("button", { name: "Reset Password" }).click();
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
}

export async function fillPasswords(page: Page, password: string, confirm = password): Promise<void> {
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm Password", { exact: true }).fill(confirm);
}

export async function accountId(address: string): Promise<string> {
  const { getDb } = await import("@/server/db");
  return (await getDb().mailAccount.findUniqueOrThrow({ where: { address }, select: { id: true } })).id;
}

export async function accountRow(address: string) {
  const { getDb } = await import("@/server/db");
  return getDb().mailAccount.findUniqueOrThrow({ where: { address } });
}

export async function weakKeywords(domain = "example.com"): Promise<string[]> {
  const { getDb } = await import("@/server/db");
  return (await getDb().domain.findUniqueOrThrow({ where: { name: domain }, select: { weakPasswordKeywords: true } })).weakPasswordKeywords;
}

/** A short random tag that keeps names of this run apart. */
export function tag(): string {
  return Math.random().toString(36).slice(2, 7);
}
