import { openSession } from "../support/sessions";
import { enText } from "../../tests/support/i18n";
import { createEmployee, expect, latestCode, logOn, stubMessages, submit, test } from "../support/fixtures";
import {
  accountId,
  accountRow,
  choose,
  fillPasswords,
  logOnAsPostmaster,
  openResetPassword,
  POSTMASTER,
  shot,
  tag,
  weakKeywords,
} from "../support/admin";
import { DEMO } from "../../tests/support/demo-accounts";

// Scenario 1 of the help article, "The postmaster Resets the Password of Employee Account":
//   1. The administrator logs on to the Alibaba Mail to go to the domain management page.
//   2. In the left-side navigation pane, choose DEPTs & Users > Employee Accounts.
//   3. In the Name column, click the name of the account for which you want to reset the password.
//   4. On the Edit Account page, click Reset Password.
//   5. Enter and confirm the password as required and click Save.
// The full run resets a fresh employee ("Aaron Reset-Test", listed first by name), so that
// alice@example.com keeps the password the other surfaces' specs log on with.
const NEW_PASSWORD = "Quiet#Orchard2026";

test.describe("Scenario 1: the postmaster resets an employee's password", () => {
  test("the article's five steps, word for word, then the employee's old session and password are gone", async ({ page, browser }) => {
    const mobile = `+1415555${String(1000 + Math.floor(Math.random() * 8999))}`;
    const emp = await createEmployee({ name: "Aaron Reset-Test", mobile });
    const before = await accountRow(emp.address);

    // The employee is logged on in another browser before the reset.
    const employeeContext = await browser.newContext();
    const employeePage = await employeeContext.newPage();
    await openSession(employeeContext, "mail", emp.address);
    await employeePage.goto("/account");
    await expect(employeePage).toHaveURL(/\/account$/);

    await test.step("1. The administrator logs on to go to the domain management page", async () => {
      await page.goto("/login");
      await page.getByLabel("Email address").fill(POSTMASTER.email);
      await page.getByLabel("Password", { exact: true }).fill(POSTMASTER.password);
      await page.getByRole("button", { name: "Log On" }).click();
      // Postmasters log on in two steps: an SMS code to the secure mobile.
      await expect(page.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
      const sentAfter = Date.now();
      await submit(page, "Send code");
      await page.getByRole("textbox", { name: "SMS verification code" }).fill(await latestCode(POSTMASTER.mobile, sentAfter));
      await page.getByRole("button", { name: "Verify" }).click();
      await expect(page.getByRole("banner").getByRole("link", { name: "Domain management" })).toBeVisible();
      await expect(page.getByTestId("admin-domain")).toHaveText("example.com");
      await expect(page.getByTestId("signed-in-as")).toContainText(POSTMASTER.email);
    });

    await test.step("2. In the left-side navigation pane, choose DEPTs & Users > Employee Accounts", async () => {
      await choose(page, "DEPTs & Users", "Employee Accounts");
      await expect(page).toHaveURL(/\/admin\/accounts$/);
      await shot(page, "1-employee-accounts");
    });

    await test.step("3. In the Name column, click the name of the account", async () => {
      const table = page.getByRole("table");
      await expect(table.getByRole("columnheader", { name: /^Name/ })).toBeVisible();
      const row = table.getByRole("row").filter({ hasText: emp.address });
      await row.getByRole("link", { name: "Aaron Reset-Test" }).click();
    });

    await test.step("4. On the Edit Account page, click Reset Password", async () => {
      await expect(page.getByRole("heading", { level: 1, name: "Edit Account" })).toBeVisible();
      await expect(page.getByText(emp.address).first()).toBeVisible();
      await expect(page.getByText("+1 ••• ••• " + mobile.slice(-4))).toBeVisible();
      await page.getByRole("button", { name: "Reset Password" }).click();
      await expect(page.getByRole("checkbox", { name: "Require password change at next logon" })).toBeChecked();
      await shot(page, "2-reset-password-form");
    });

    await test.step("5. Enter and confirm the password as required and click Save", async () => {
      await fillPasswords(page, NEW_PASSWORD);
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByText(`The password of ${emp.address} has been reset.`)).toBeVisible();
      await expect(page.getByRole("heading", { level: 1, name: "Edit Account" })).toBeVisible();
      await expect(page.getByLabel("Password", { exact: true })).toHaveCount(0);
      await shot(page, "3-reset-done");
    });

    const after = await accountRow(emp.address);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.mustChangePassword).toBe(true);
    await expect
      .poll(async () => (await stubMessages(mobile)).map((m) => m.body))
      .toEqual([expect.stringMatching(new RegExp(`^The password of ${emp.address} was reset by your administrator on .+ UTC\\.`))]);

    // The session opened before the reset ends at its next request.
    await employeePage.goto("/account");
    await expect(employeePage).toHaveURL(/\/login/);
    await employeeContext.close();

    // The old password no longer works; the new one does, and asks for a change first.
    const fresh = await browser.newContext();
    const freshPage = await fresh.newPage();
    await logOn(freshPage, emp.address, emp.password);
    await expect(freshPage.getByText("Incorrect email address or password.")).toBeVisible();
    await logOn(freshPage, emp.address, NEW_PASSWORD);
    await expect(freshPage).toHaveURL(/\/account\/change-password$/);
    await expect(freshPage.getByRole("heading", { name: "Change Password" })).toBeVisible();
    await fresh.close();
  });

  test("Alice Wang is in the Name column and opens her Edit Account page with Reset Password", async ({ page }) => {
    await logOnAsPostmaster(page);
    await choose(page, "DEPTs & Users", "Employee Accounts");
    await page.getByRole("table").getByRole("link", { name: "Alice Wang" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Edit Account" })).toBeVisible();
    await expect(page.getByText(DEMO.alice.email).first()).toBeVisible();
    await page.getByRole("button", { name: "Reset Password" }).click();
    await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
    await expect(page.getByLabel("Confirm Password", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByLabel("Password", { exact: true })).toHaveCount(0);
  });

  test("every policy rule is refused in the form with its message, including a keyword just added and the address's local part", async ({
    page,
  }) => {
    const emp = await createEmployee();
    const local = emp.address.split("@")[0];
    const keyword = `zq${tag()}`;
    await logOnAsPostmaster(page);

    await choose(page, "Security", "Password Policy");
    await page.getByLabel("New keyword").fill(keyword);
    await page.getByRole("button", { name: "Add" }).click();
    await expect(page.getByText(`"${keyword}" was added.`)).toBeVisible();
    await expect(page.getByRole("list", { name: "Weak password keywords" })).toContainText(keyword);

    const before = await accountRow(emp.address);
    await openResetPassword(page, emp.id);
    const cases: Array<[string, string, string[]]> = [
      ["too short", "Ab#1", [enText("Password.violations.length", { min: 8, max: 64 })]],
      ["a space", "Pass word#2026", [enText("Password.violations.charset")]],
      ["two classes", "lowercase12345", [enText("Password.violations.classes", { count: 3 })]],
      ["the local part", `Zz#${local}9`, [enText("Password.violations.contains_address")]],
      ["the new keyword", `Qq#${keyword.toUpperCase()}7`, [enText("Password.violations.weak_keyword", { keyword })]],
      ["a seeded keyword", "W3lc0me#Home99", [enText("Password.violations.weak_keyword", { keyword: "welcome" })]],
      ["a common password", "Password123", [enText("Password.violations.common")]],
      ["the current password", emp.password, ["Must not be one of your last 5 passwords."]],
    ];
    for (const [name, password, messages] of cases) {
      await test.step(name, async () => {
        await fillPasswords(page, password);
        await page.getByRole("button", { name: "Save", exact: true }).click();
        for (const m of messages) await expect(page.getByText(m, { exact: true })).toBeVisible();
        await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
        // The form stays, with what was typed.
        await expect(page.getByLabel("Password", { exact: true })).toHaveValue(password);
      });
    }
    await test.step("a mismatch shows next to Confirm Password", async () => {
      await fillPasswords(page, NEW_PASSWORD, `${NEW_PASSWORD}x`);
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByText("The passwords do not match.", { exact: true })).toBeVisible();
      await expect(page.getByLabel("Confirm Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
      await shot(page, "4-policy-errors");
    });
    const after = await accountRow(emp.address);
    expect(after.sessionVersion).toBe(before.sessionVersion);
    expect(after.passwordChangedAt).toEqual(before.passwordChangedAt);

    await test.step("Generate password fills a compliant password that saves", async () => {
      await fillPasswords(page, "", "");
      await page.getByRole("button", { name: "Generate password" }).click();
      const generated = await page.getByLabel("Password", { exact: true }).inputValue();
      expect(generated).toHaveLength(16);
      await expect(page.getByText(generated, { exact: true })).toBeVisible();
      await page.getByRole("checkbox", { name: "Require password change at next logon" }).uncheck();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByText(`The password of ${emp.address} has been reset.`)).toBeVisible();
      expect((await accountRow(emp.address)).mustChangePassword).toBe(false);
    });

    // Leave the domain's keywords as they were.
    await choose(page, "Security", "Password Policy");
    await page
      .getByRole("form", { name: `Remove ${keyword}` })
      .getByRole("button", { name: "Remove" })
      .click();
    await expect(page.getByRole("list", { name: "Weak password keywords" })).not.toContainText(keyword);
    expect(await weakKeywords()).not.toContain(keyword);
  });

  test("the postmaster's own account has no Reset Password; a disabled account can be reset and stays disabled", async ({ page }) => {
    await logOnAsPostmaster(page);
    await page.goto(`/admin/accounts/${await accountId(POSTMASTER.email)}`);
    await expect(page.getByRole("heading", { level: 1, name: "Edit Account" })).toBeVisible();
    await expect(page.getByText("This is your own account.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Reset Password" })).toHaveCount(0);

    const emp = await createEmployee();
    const { getDb } = await import("@/server/db");
    await getDb().mailAccount.update({ where: { id: emp.id }, data: { status: "DISABLED" } });
    await openResetPassword(page, emp.id);
    await expect(page.getByText("The account stays disabled.")).toBeVisible();
    await fillPasswords(page, NEW_PASSWORD);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText(`The password of ${emp.address} has been reset.`)).toBeVisible();
    expect((await accountRow(emp.address)).status).toBe("DISABLED");
  });
});
