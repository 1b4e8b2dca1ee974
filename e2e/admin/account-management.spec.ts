import { readFileSync } from "node:fs";
import { openSession } from "../support/sessions";
import { accountId, accountRow, logOnAsPostmaster, shot } from "../support/admin";
import { createEmployee, expect, formAlert, logOn, test } from "../support/fixtures";
import { enterAccount, keepSeedAccount, NOT_AVAILABLE, openFromLogon, SMS_METHOD } from "../support/recovery";
import { DEMO } from "../../tests/support/demo-accounts";

/**
 * Edit Account edits the account (status, recovery info) and Employee
 * Accounts acts on a selection. alice@example.com is put back as she was
 * after each test (keepSeedAccount): the other specs log on with her.
 */
const ALICE = DEMO.alice.email;
const INCORRECT = "Incorrect email address or password.";

test.describe("Edit Account: status and recovery info", () => {
  test("disable and enable alice: her open session ends; logon and Forgot Password are refused while disabled", async ({
    page,
    browser,
  }) => {
    const restore = await keepSeedAccount(ALICE);
    try {
      const aliceContext = await browser.newContext();
      const alicePage = await aliceContext.newPage();
      await openSession(aliceContext, "mail", ALICE);
      await alicePage.goto("/account");
      await expect(alicePage).toHaveURL(/\/account$/);

      await logOnAsPostmaster(page);
      await page.getByRole("link", { name: "Alice Wang" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Edit Account" })).toBeVisible();
      await page.getByRole("link", { name: "Disable account" }).click();
      const confirm = page.getByRole("region", { name: "Please confirm" });
      await expect(confirm).toContainText("Disable Alice Wang (alice@example.com)?");
      await shot(page, "disable-confirm");
      await confirm.getByRole("button", { name: "Disable account" }).click();
      await expect(
        page
          .getByRole("alert")
          .or(page.getByText(/is disabled and was signed out everywhere/))
          .first(),
      ).toContainText("alice@example.com is disabled and was signed out everywhere.");
      await expect(page.getByRole("link", { name: "Enable account" })).toBeVisible();
      expect((await accountRow(ALICE)).status).toBe("DISABLED");

      // Her session ended at once.
      await alicePage.reload();
      await expect(alicePage).toHaveURL(/\/login/);
      // Logon: the usual message, nothing more.
      await logOn(alicePage, ALICE, DEMO.alice.password);
      await expect(formAlert(alicePage)).toHaveText(INCORRECT);
      // Forgot Password: "not available".
      await openFromLogon(alicePage);
      await enterAccount(alicePage, ALICE);
      await expect(formAlert(alicePage)).toHaveText(NOT_AVAILABLE);

      await page.getByRole("link", { name: "Enable account" }).click();
      await page.getByRole("region", { name: "Please confirm" }).getByRole("button", { name: "Enable account" }).click();
      await expect(page.getByText("alice@example.com is enabled and can log on again.")).toBeVisible();
      await logOn(alicePage, ALICE, DEMO.alice.password);
      await expect(alicePage).toHaveURL(/\/account/);
      await aliceContext.close();
    } finally {
      await restore();
    }
  });

  test("remove alice's secure mobile: the Forgot Password wizard then offers only Questions", async ({ page }) => {
    const restore = await keepSeedAccount(ALICE);
    try {
      await logOnAsPostmaster(page);
      await page.goto(`/admin/accounts/${await accountId(ALICE)}`);
      const recovery = page
        .getByRole("region", { name: "Recovery info" })
        .or(page.locator("section", { hasText: "Recovery info" }))
        .first();
      await expect(recovery).toContainText("+1 ••• ••• 0101");
      await page.getByRole("link", { name: "Remove secure mobile" }).click();
      await expect(page.getByRole("region", { name: "Please confirm" })).toContainText("+1 ••• ••• 0101");
      await page.getByRole("region", { name: "Please confirm" }).getByRole("button", { name: "Remove secure mobile" }).click();
      await expect(page.getByText("The secure mobile of alice@example.com was removed.")).toBeVisible();
      await shot(page, "mobile-removed");
      expect((await accountRow(ALICE)).secureMobile).toBeNull();

      const visitor = await page.context().browser()!.newPage();
      await openFromLogon(visitor);
      await enterAccount(visitor, ALICE);
      await expect(visitor.getByRole("radio", { name: "Questions" })).toBeVisible();
      await expect(visitor.getByRole("radio", { name: SMS_METHOD })).toHaveCount(0);
      await visitor.close();
    } finally {
      await restore();
    }
  });

  test("Save account details: name and department, with their own Save", async ({ page }) => {
    const emp = await createEmployee({ name: "Dora Details" });
    await logOnAsPostmaster(page);
    await page.goto(`/admin/accounts/${emp.id}`);
    const details = page.getByRole("form", { name: "Account details" });
    await details.getByLabel("Name").fill("Dora D. Details");
    await details.getByLabel("Department").selectOption({ label: "Sales" });
    await details.getByRole("button", { name: "Save account details" }).click();
    await expect(page.getByText(`The account details of ${emp.address} were saved.`)).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Edit Account");
    expect(await accountRow(emp.address)).toMatchObject({ displayName: "Dora D. Details" });
    await details.getByLabel("Name").fill("   ");
    await details.getByRole("button", { name: "Save account details" }).click();
    await expect(details.getByText("Enter a display name.")).toBeVisible();
    expect(await accountRow(emp.address)).toMatchObject({ displayName: "Dora D. Details" });
  });
});

test.describe("Employee Accounts: bulk actions", () => {
  test("bulk reset three accounts: the passwords are shown once (table and CSV); one of them logs on and must be changed at once", async ({
    page,
    browser,
  }) => {
    const stamp = Date.now().toString(36);
    const emps = [];
    for (const n of ["A", "B", "C"]) emps.push(await createEmployee({ name: `Bulk ${stamp} ${n}` }));
    await logOnAsPostmaster(page);
    await page.getByRole("searchbox", { name: "Search" }).fill(`Bulk ${stamp}`);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("row")).toHaveCount(4);
    await page.getByRole("checkbox", { name: "Select all on this page" }).check();
    for (const n of ["A", "B", "C"]) await expect(page.getByRole("checkbox", { name: `Select Bulk ${stamp} ${n}` })).toBeChecked();
    await page.getByLabel("With the selected accounts").selectOption("reset_password");
    await page.getByRole("button", { name: "Apply to selected" }).click();
    const confirm = page.getByRole("region", { name: "Please confirm" });
    await expect(confirm).toContainText("Reset the passwords of 3 accounts?");
    await shot(page, "bulk-confirm");
    await confirm.getByRole("button", { name: "Yes, reset the passwords" }).click();

    const result = page.getByRole("region", { name: /Result: Reset passwords/ });
    await expect(result).toContainText("3 accounts done, none failed.");
    await expect(result).toContainText("These passwords are shown only now.");
    await shot(page, "bulk-result");
    const rows = result.getByRole("row");
    await expect(rows).toHaveCount(4);
    const first = rows.nth(1).getByRole("cell");
    const address = (await first.nth(0).textContent())!.trim();
    const password = (await first.nth(2).textContent())!.trim();
    expect(emps.map((e) => e.address)).toContain(address);
    expect(password).toHaveLength(16);
    expect(page.url()).not.toContain(password);

    // The file is made at the click (a Blob URL, revoked after it), never a data: URL in the page.
    const link = result.getByRole("link", { name: "Download CSV" });
    await expect(link).toHaveAttribute("href", "#");
    const download = page.waitForEvent("download");
    await link.click();
    await expect(link).toHaveAttribute("href", /^blob:/);
    const csv = readFileSync(await (await download).path(), "utf8");
    expect(csv.split(/\r\n/).filter(Boolean)).toHaveLength(4);
    expect(csv.startsWith('\ufeff"address","password"\r\n')).toBe(true);
    expect(csv).toContain(`"${address}","${password}"\r\n`);

    const employee = await browser.newPage();
    await logOn(employee, address, password);
    await expect(employee).toHaveURL(/\/account\/change-password/);
    await employee.close();
    const audit = JSON.stringify(await (await import("@/server/db")).getDb().auditEvent.findMany({ where: { targetLabel: address } }));
    expect(audit).toContain("password.reset.postmaster");
    expect(audit).not.toContain(password);
  });
});

test.describe("Employee Accounts without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("select two accounts, require a password change: the confirmation names the count, the summary the result", async ({ page }) => {
    const stamp = Date.now().toString(36);
    const emps = [await createEmployee({ name: `NoJS ${stamp} A` }), await createEmployee({ name: `NoJS ${stamp} B` })];
    await logOnAsPostmaster(page);
    await page.goto(`/admin/accounts?q=${encodeURIComponent(`NoJS ${stamp}`)}`);
    for (const n of ["A", "B"]) await page.getByRole("checkbox", { name: `Select NoJS ${stamp} ${n}` }).check();
    await page.getByLabel("With the selected accounts").selectOption("require_change");
    await page.getByRole("button", { name: "Apply to selected" }).click();
    await expect(page.getByRole("region", { name: "Please confirm" })).toContainText(
      "Require 2 accounts to change the password at the next logon?",
    );
    await page.getByRole("button", { name: "Yes, require a password change" }).click();
    await expect(page.getByRole("region", { name: /^Result:/ })).toContainText("2 accounts done, none failed.");
    for (const e of emps) expect((await accountRow(e.address)).mustChangePassword).toBe(true);
  });

  test("Apply with nothing selected says so next to the form", async ({ page }) => {
    await logOnAsPostmaster(page);
    await page.getByLabel("With the selected accounts").selectOption("sign_out");
    await page.getByRole("button", { name: "Apply to selected" }).click();
    await expect(page.getByText("Select at least one account on the page.")).toBeVisible();
  });
});
