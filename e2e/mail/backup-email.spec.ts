import { createEmployee, expect, test } from "../support/fixtures";
import { openSession } from "../support/sessions";

/**
 * Account Security > Backup email address, as an employee does it: the
 * address and the current password, then the code from the email (the local
 * run's console provider keeps it; a test reads it there), Verify.
 */
for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("an employee binds a backup email address with the mailed code, then removes it", async ({ page }) => {
      const emp = await createEmployee();
      const address = `backup.${Date.now().toString(36)}@gmail.example`;
      await openSession(page.context(), "mail", emp.address);
      await page.goto("/account");
      await expect(page).toHaveURL(/\/account$/);
      const card = page.locator("section", { has: page.getByRole("heading", { name: "Backup email address" }) }).first();

      await page.getByLabel("Backup email address").fill(address);
      await card.getByLabel("Current password").fill(emp.password);
      await card.getByRole("button", { name: "Email the code" }).click();
      const masked = `${address[0]}•••@g•••.example`;
      await expect(page.getByText(`We emailed a 6-digit code to ${masked}.`)).toBeVisible();

      const { getDb } = await import("@/server/db");
      const mail = await getDb().emailMessage.findFirstOrThrow({ where: { to: address }, orderBy: { createdAt: "desc" } });
      const code = mail.body.match(/\d{6}/)![0];
      await page.getByLabel("Email verification code").fill(code);
      await page.getByRole("button", { name: "Verify the address" }).click();
      await expect(page.getByText("The backup email address is bound.")).toBeVisible();
      await expect(page.getByTestId("backup-email")).toHaveText(masked);

      await page.getByText("Remove backup email address").first().click();
      await card.getByLabel("Current password").last().fill(emp.password);
      await card.getByRole("button", { name: "Remove", exact: true }).click();
      await expect(page.getByText("The backup email address was removed.")).toBeVisible();
      const row = await getDb().mailAccount.findUniqueOrThrow({ where: { address: emp.address } });
      expect(row.backupEmail).toBeNull();
    });
  });
}
