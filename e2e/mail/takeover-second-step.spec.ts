import { Secret, TOTP } from "otpauth";
import type { Page } from "@playwright/test";
import {
  createEmployee,
  expect,
  logOn,
  logOnWithSmsCode,
  startAuthenticatorSetup,
  submit,
  test,
  verifyWithAuthenticatorApp,
} from "../support/fixtures";
import { shot, uniqueMobile } from "../support/recovery";
import { DEMO } from "../../tests/support/demo-accounts";

/**
 * The second step (SECURITY.md "Second step and recovery strength") as an attacker would try it, through the browser: the second
 * step means what Account Security says. Each story failed on the code
 * before it (the app never asked, the last method removed, a setup-only
 * session promoted, a provisioned postmaster bounced forever, a lost
 * laptop's trust kept after "Log off all other sessions").
 */
const db = async () => (await import("@/server/db")).getDb();

async function newPostmaster(mobile: string | null) {
  const account = await createEmployee({ mobile });
  await (await db()).mailAccount.update({ where: { id: account.id }, data: { role: "POSTMASTER" } });
  return account;
}

async function logOff(page: Page) {
  await page.getByRole("button", { name: "Log Off" }).first().click();
  await expect(page).toHaveURL(/\/login/);
}

async function turnOnApp(page: Page, password: string): Promise<TOTP> {
  const key = await startAuthenticatorSetup(page, password);
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(key) });
  await page.getByLabel("Authenticator app code").fill(totp.generate());
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  return totp;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("an employee's own authenticator app is asked at the next logon, though the domain does not require it", async ({
      page,
      browser,
    }) => {
      const alice = await createEmployee({ mobile: uniqueMobile() });
      await logOn(page, alice.address, alice.password);
      await expect(page).toHaveURL(/\/account$/);
      // A stolen session cannot add a second factor: the password is asked first.
      const section = page.locator("details", { has: page.locator("summary", { hasText: "Set up an authenticator app" }) });
      await section.locator("summary").click();
      await section.getByLabel("Current password", { exact: true }).fill("Not#Her-Password1");
      await section.getByRole("button", { name: "Continue" }).click();
      await expect(page.getByText("The current password is incorrect.")).toBeVisible();
      const totp = await turnOnApp(page, alice.password);
      await page.goto("/account");
      await expect(page.locator("#two-step").getByText("On", { exact: true })).toBeVisible();

      // A fresh browser with only her password is asked for the app's code.
      const fresh = await browser.newContext({ javaScriptEnabled });
      const other = await fresh.newPage();
      await logOn(other, alice.address, alice.password);
      await expect(other).toHaveURL(/\/login\/two-step$/);
      await other.goto("/account");
      await expect(other).toHaveURL(/\/login/);
      await other.goto("/login/two-step");
      await verifyWithAuthenticatorApp(other, { kind: "mail", id: alice.id }, () => totp.generate());
      await expect(other).toHaveURL(/\/account$/);
      await fresh.close();
    });

    test("a postmaster's last method cannot be removed", async ({ page }) => {
      const mobile = uniqueMobile();
      const pm = await newPostmaster(mobile);
      await logOnWithSmsCode(page, pm.address, pm.password, mobile);
      await expect(page).toHaveURL(/\/admin/);
      await page.goto("/account");
      const card = page.locator("section", { has: page.getByRole("heading", { name: "Secure mobile" }) });
      await card.getByText("Change number").click();
      await card.getByText("Remove the secure mobile").click();
      await card.getByLabel("Current password").last().fill(pm.password);
      await submit(page, "Remove");
      await expect(page.getByText("the secure mobile is its only method")).toBeVisible();
      await expect(card.getByTestId("secure-mobile")).toHaveText(/•••/);
    });

    test("a provisioned postmaster: the first password is changed, the app set up, then a fresh logon through it", async ({ page }) => {
      const { provisionDomain } = await import("@/server/provisioning/provision");
      const domain = `p${Date.now().toString(36)}${javaScriptEnabled ? "j" : "n"}.example`;
      const made = await provisionDomain({ name: domain, ownerEmail: DEMO.ops.email, postmasterName: "New Admin" });
      if (!made.ok) throw new Error(made.error);

      await logOn(page, made.login, made.password);
      // One page at a time, never a loop: Change Password first.
      await expect(page).toHaveURL(/\/account\/change-password$/);
      await page.goto("/admin/accounts");
      await expect(page).toHaveURL(/\/account\/change-password$/);
      const password = "Fresh#Console2027x";
      await page.getByLabel("Current password").fill(made.password);
      await page.getByLabel("New password").fill(password);
      await page.getByLabel("Confirm password").fill(password);
      await submit(page, "Save");
      await expect(page).toHaveURL(/\/account\?changed=1$/);
      // The new password does not open the console: two-step logon is still to be set up.
      await page.goto("/admin/accounts");
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByText("Set up two-step logon to continue")).toBeVisible();

      const totp = await turnOnApp(page, password);
      await expect(page.getByText("log off and log on again", { exact: false }).first()).toBeVisible();
      // The session that set it up is never promoted: it may only log off.
      await page.goto("/admin/accounts");
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByText("Two-step logon is set up. For your security, log off")).toBeVisible();
      if (javaScriptEnabled) await shot(page, "log-on-again");

      await logOff(page);
      await logOn(page, made.login, password);
      await expect(page).toHaveURL(/\/login\/two-step$/);
      const pm = await (await db()).mailAccount.findUniqueOrThrow({ where: { address: made.login }, select: { id: true } });
      await verifyWithAuthenticatorApp(page, { kind: "mail", id: pm.id }, () => totp.generate());
      await expect(page).toHaveURL(/\/admin/);
    });

    test("'Log off all other sessions' ends the trust of a lost laptop that skipped the second step", async ({ page, browser }) => {
      const mobile = uniqueMobile();
      const pm = await newPostmaster(mobile);
      const lost = await browser.newContext({ javaScriptEnabled });
      const laptop = await lost.newPage();
      await logOnWithSmsCode(laptop, pm.address, pm.password, mobile, { trust: true });
      await expect(laptop).toHaveURL(/\/admin/);

      await logOnWithSmsCode(page, pm.address, pm.password, mobile);
      await expect(page).toHaveURL(/\/admin/);
      await page.goto("/account");
      const trusted = page.getByRole("list", { name: "Trusted browsers" });
      await expect(trusted.getByRole("listitem")).toHaveCount(1);
      await submit(page, "Log off all other sessions");
      await expect(page.getByText("no other browser skips the second step any more")).toBeVisible();
      await expect(page.getByRole("list", { name: "Trusted browsers" })).toHaveCount(0);

      // The laptop (its password saved) is logged off, and asked for the second step again.
      await laptop.goto("/admin");
      await expect(laptop).toHaveURL(/\/login/);
      await logOn(laptop, pm.address, pm.password);
      await expect(laptop).toHaveURL(/\/login\/two-step$/);
      await lost.close();
    });
  });
}
