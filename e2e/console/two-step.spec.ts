import { Secret, TOTP } from "otpauth";
import { createConsoleOperator } from "../support/console";
import { expect, logOn, startAuthenticatorSetup, test, verifyWithAuthenticatorApp } from "../support/fixtures";

/**
 * An operator turns on two-step logon for itself (ADR 0008): Console
 * Password > Two-step logon > "Set up an authenticator app", the QR code's
 * key read here, "Turn on"; the next console logon asks for the app's code.
 */
for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("an operator turns on an authenticator app and then logs on with its code", async ({ page }) => {
      const op = await createConsoleOperator();
      await logOn(page, op.email, op.password, "/console/login");
      await expect(page).toHaveURL(/\/console$/);
      await page.goto("/console/password");
      await expect(page.getByText("Two-step logon is not required for your account")).toBeVisible();
      const key = await startAuthenticatorSetup(page, op.password, "Console password");
      const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(key) });
      await page.getByLabel("Authenticator app code").fill(totp.generate());
      await page.getByRole("button", { name: "Turn on" }).click();
      await expect(page.getByText("The authenticator app is on.")).toBeVisible();
      await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);

      await page.getByRole("button", { name: "Log Off" }).click();
      await expect(page).toHaveURL(/\/console\/login/);
      await logOn(page, op.email, op.password, "/console/login");
      await expect(page).toHaveURL(/\/console\/login\/two-step$/);
      await expect(page.getByRole("button", { name: "Send code" })).toHaveCount(0);
      await verifyWithAuthenticatorApp(page, { kind: "cloud", id: op.id }, () => totp.generate());
      await expect(page).toHaveURL(/\/console$/);
    });
  });
}
