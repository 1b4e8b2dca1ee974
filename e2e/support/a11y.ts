import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { accountId } from "./admin";
import { domainIdOf } from "./console";
import { expect } from "./fixtures";
import { DEMO } from "../../tests/support/demo-accounts";

/** WCAG 2.0, 2.1 and 2.2, levels A and AA, as axe-core checks them. */
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** Zero axe violations on the page as it is now (after its streamed <title> has arrived). */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  // A client-side navigation still under way swaps the document's head: let it settle first.
  await page.waitForLoadState("networkidle");
  // Next streams a dynamic page's <title> after its body: axe reads the document once it is there.
  await expect.poll(() => page.title(), { message: `a title on ${what}` }).not.toBe("");
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, `axe on ${what}`).toEqual([]);
}

/** Every page of the domain-management console (alice's Edit Account for the account page). */
export async function adminPages(): Promise<string[]> {
  const alice = await accountId(DEMO.alice.email);
  return [
    "/admin/accounts",
    "/admin/accounts?status=active&recovery=mobile&sort=-last_logon",
    `/admin/accounts/${alice}`,
    // A confirmation panel open (nothing is done until its button is pressed).
    `/admin/accounts/${alice}?confirm=disable`,
    "/admin/departments",
    "/admin/password-policy",
    "/admin/readiness",
    // The accounts Recovery Readiness counts as unable to reset on their own.
    "/admin/accounts?recovery=not_ready",
    "/admin/audit-log",
  ];
}

/** Every page of the cloud console, for example.com. */
export async function consolePages(): Promise<string[]> {
  const id = await domainIdOf("example.com");
  return [
    "/console",
    `/console/domains/${id}`,
    `/console/domains/${id}/reset-password`,
    `/console/domains/${id}/reset-mobile`,
    "/console/password",
  ];
}
