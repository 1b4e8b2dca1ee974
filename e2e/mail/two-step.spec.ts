import { Secret, TOTP } from "otpauth";
import type { Page } from "@playwright/test";
import {
  createEmployee,
  expect,
  latestCode,
  logOn,
  startAuthenticatorSetup,
  submit,
  test,
  verifyWithAuthenticatorApp,
} from "../support/fixtures";
import { uniqueMobile } from "../support/recovery";
import { registerSecret } from "../support/secrets";

/**
 * Two-step logon (ADR 0008) as postmasters do it: the password, then an
 * SMS code read from the Twilio stub, or a code from an authenticator app
 * computed here from the key the setup page shows; "Trust this browser for
 * 30 days"; a postmaster with no method set up is held on Account Security.
 * Each test has its own postmaster (a new account made one).
 */
async function newPostmaster(mobile: string | null) {
  const account = await createEmployee({ mobile });
  const { getDb } = await import("@/server/db");
  await getDb().mailAccount.update({ where: { id: account.id }, data: { role: "POSTMASTER" } });
  return account;
}

const smsForm = (page: Page) => page.locator("form", { has: page.getByLabel("SMS verification code", { exact: true }) });

async function logOnWithRecoveryCode(page: Page, who: { address: string; password: string }, code: string) {
  await logOn(page, who.address, who.password);
  await page.getByText("Use a recovery code").click();
  await page.getByLabel("Recovery code").fill(code);
  await page
    .locator("form", { has: page.getByLabel("Recovery code") })
    .getByRole("button", { name: "Verify" })
    .click();
}

async function logOff(page: Page) {
  await page.getByRole("button", { name: "Log Off" }).first().click();
  await expect(page).toHaveURL(/\/login/);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a postmaster logs on with the password and an SMS code; a trusted browser skips the code next time", async ({ page }) => {
      const mobile = uniqueMobile();
      const pm = await newPostmaster(mobile);
      await logOn(page, pm.address, pm.password);
      await expect(page).toHaveURL(/\/login\/two-step$/);
      await expect(page.getByText(`${pm.address} uses two-step logon. Enter a code to finish logging on.`)).toBeVisible();
      // Only the password so far: the console is still closed.
      await page.goto("/admin");
      await expect(page).toHaveURL(/\/login/);

      await page.goto("/login/two-step");
      const sentAfter = Date.now();
      await submit(page, "Send code");
      const code = await latestCode(mobile, sentAfter);
      await smsForm(page).getByLabel("SMS verification code", { exact: true }).fill("000000");
      await smsForm(page).getByRole("button", { name: "Verify" }).click();
      await expect(page.getByText("The code is incorrect or has expired.")).toBeVisible();
      await smsForm(page).getByLabel("SMS verification code", { exact: true }).fill(code);
      await smsForm(page).getByLabel("Trust this browser for 30 days").check();
      await smsForm(page).getByRole("button", { name: "Verify" }).click();
      await expect(page).toHaveURL(/\/admin/);
      const trusted = (await page.context().cookies()).find((c) => c.name === "postkey_trusted");
      expect(trusted).toMatchObject({ httpOnly: true, sameSite: "Lax" });
      expect((trusted?.expires ?? 0) * 1000 - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);

      await logOff(page);
      await logOn(page, pm.address, pm.password);
      await expect(page).toHaveURL(/\/admin/);
    });

    test("a postmaster with no method sets up an authenticator app first, then logs on with its code", async ({ page }) => {
      const pm = await newPostmaster(null);
      await logOn(page, pm.address, pm.password);
      // Let in to set up two-step logon, and nowhere else.
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByText("Set up two-step logon to continue")).toBeVisible();
      await page.goto("/admin/accounts");
      await expect(page).toHaveURL(/\/account$/);

      const key = await startAuthenticatorSetup(page, pm.password);
      await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
      const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(key) });
      await page.getByLabel("Authenticator app code").fill(totp.generate());
      await page.getByRole("button", { name: "Turn on" }).click();
      await expect(page.getByText("The authenticator app is on. Save your recovery codes, then log off")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
      const recoveryCodes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
      expect(recoveryCodes).toHaveLength(10);
      for (const c of recoveryCodes) registerSecret("codes", c);
      // The password-only session that set it up is not promoted: a fresh logon uses the app.
      await page.goto("/admin/accounts");
      await expect(page).toHaveURL(/\/account$/);

      await logOff(page);
      await logOn(page, pm.address, pm.password);
      await expect(page).toHaveURL(/\/login\/two-step$/);
      await verifyWithAuthenticatorApp(page, { kind: "mail", id: pm.id }, () => totp.generate());
      await expect(page).toHaveURL(/\/admin/);

      // A lost phone: one recovery code, once.
      await logOff(page);
      await logOnWithRecoveryCode(page, pm, recoveryCodes[0].toUpperCase());
      await expect(page).toHaveURL(/\/admin/);
      await logOff(page);
      await logOnWithRecoveryCode(page, pm, recoveryCodes[0]);
      await expect(page.getByText("The code is incorrect or has expired.")).toBeVisible();
    });
  });
}
