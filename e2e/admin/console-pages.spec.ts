import { createEmployee, expect, logOnWithSmsCode, test } from "../support/fixtures";
import { accountRow, choose, logOnAsPostmaster, shot, tag, weakKeywords } from "../support/admin";
import { openSession } from "../support/sessions";
import { uniqueMobile } from "../support/recovery";
import { DEMO } from "../../tests/support/demo-accounts";

// The rest of the console: Departments, Password Policy, Audit Log, Unlock.
test.describe("Domain management console pages", () => {
  test("Departments: create, rename, move, refuse a cycle and a non-empty delete, delete", async ({ page }) => {
    const t = tag();
    const [top, sub] = [`Ops ${t}`, `Night ${t}`];
    await logOnAsPostmaster(page);
    await choose(page, "DEPTs & Users", "Departments");
    const newCard = page.locator("section").filter({ has: page.getByRole("heading", { name: "New department" }) });
    const editCard = page.locator("section").filter({ has: page.getByRole("heading", { name: /^Edit department/ }) });
    const row = (name: string) => page.getByRole("row").filter({ hasText: name });

    await newCard.getByLabel("Name").fill(top);
    await newCard.getByRole("button", { name: "Create" }).click();
    await expect(page.getByText("The department was created.")).toBeVisible();
    await newCard.getByLabel("Name").fill(sub);
    await newCard.getByLabel("Parent department").selectOption({ label: top });
    await newCard.getByRole("button", { name: "Create" }).click();
    await expect(row(sub)).toBeVisible();

    // A duplicate name under the same parent, in another case.
    await newCard.getByLabel("Name").fill(top.toUpperCase());
    await newCard.getByRole("button", { name: "Create" }).click();
    await expect(newCard.getByText(`A department named "${top}" already exists there.`)).toBeVisible();
    await shot(page, "5a-department-error");

    // Moving the parent under its own child is refused.
    await row(top).first().getByRole("link", { name: "Edit" }).click();
    await expect(editCard.getByRole("heading", { name: `Edit department: ${top}` })).toBeVisible();
    await expect(editCard.getByLabel("Parent department").locator("option", { hasText: sub })).toHaveCount(0);

    // Rename the child and move it to the top level.
    await row(sub).getByRole("link", { name: "Edit" }).click();
    await expect(editCard.getByRole("heading", { name: `Edit department: ${sub}` })).toBeVisible();
    await editCard.getByLabel("Name").fill(`${sub} Shift`);
    await editCard.getByLabel("Parent department").selectOption({ label: "Top level (no parent)" });
    await editCard.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("The department was saved.")).toBeVisible();
    await expect(row(`${sub} Shift`)).toBeVisible();

    // Not empty: an account in it.
    const emp = await createEmployee();
    const { getDb } = await import("@/server/db");
    const dept = await getDb().department.findFirstOrThrow({ where: { name: top } });
    await getDb().mailAccount.update({ where: { id: emp.id }, data: { departmentId: dept.id } });
    await page.reload();
    await expect(row(top).getByRole("button", { name: "Delete" })).toBeDisabled();
    await shot(page, "5-departments");
    await getDb().mailAccount.update({ where: { id: emp.id }, data: { departmentId: null } });
    await page.reload();
    for (const name of [top, `${sub} Shift`]) {
      await page
        .getByRole("form", { name: `Delete ${name}` })
        .getByRole("button", { name: "Delete" })
        .click();
      await expect(page.getByText("The department was deleted.")).toBeVisible();
      await expect(row(name)).toHaveCount(0);
    }
  });

  test("Password Policy: the article's rules, keyword validation messages, recovery settings", async ({ page }) => {
    await logOnAsPostmaster(page);
    await choose(page, "Security", "Password Policy");
    await expect(page.getByText("The password can be 8 to 64 characters in length.")).toBeVisible();
    await expect(
      page.getByText("Email address and weak password keywords set by postmasters are not allowed to be included in the password."),
    ).toBeVisible();

    for (const [input, message] of [
      ["ab", '"ab" must be 3 to 32 characters long.'],
      ["x".repeat(33), `"${"x".repeat(33)}" must be 3 to 32 characters long.`],
      ["WELCOME", '"WELCOME" is listed more than once (keywords are not case-sensitive).'],
    ]) {
      await page.getByLabel("New keyword").fill(input);
      await page.getByRole("button", { name: "Add" }).click();
      await expect(page.getByText(message, { exact: true })).toBeVisible();
    }
    expect(await weakKeywords()).toEqual(expect.arrayContaining(["example", "welcome"]));

    const sms = page.getByRole("checkbox", { name: /Allow SMS verification/ });
    const questions = page.getByRole("checkbox", { name: /Allow security questions/ });
    await expect(sms).toBeChecked();
    await expect(questions).toBeChecked();
    await expect(page.getByRole("checkbox", { name: /Allow backup email verification/ })).toBeChecked();
    await sms.uncheck();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("The recovery settings were saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("checkbox", { name: /Allow SMS verification/ })).not.toBeChecked();
    await shot(page, "6-password-policy");
    // Back to the default, for the other specs of the run.
    await page.getByRole("checkbox", { name: /Allow SMS verification/ }).check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("The recovery settings were saved.")).toBeVisible();
  });

  test("Password Policy: 'Require two-step logon for employees' asks an employee for a code after the password", async ({
    page,
    browser,
  }) => {
    const mobile = uniqueMobile();
    const emp = await createEmployee({ mobile });
    await logOnAsPostmaster(page);
    await choose(page, "Security", "Password Policy");
    const requireIt = page.getByRole("checkbox", { name: /Require two-step logon for employees/ });
    await expect(requireIt).not.toBeChecked();
    await requireIt.check();
    await page.getByRole("button", { name: "Save two-step logon" }).click();
    await expect(page.getByText("The two-step logon setting was saved.")).toBeVisible();
    try {
      const employee = await browser.newPage();
      await logOnWithSmsCode(employee, emp.address, emp.password, mobile);
      await expect(employee).toHaveURL(/\/account$/);
      await employee.close();
    } finally {
      // Back to the default, for the other specs of the run.
      await page.getByRole("checkbox", { name: /Require two-step logon for employees/ }).uncheck();
      await page.getByRole("button", { name: "Save two-step logon" }).click();
      await expect(page.getByText("The two-step logon setting was saved.")).toBeVisible();
    }
  });

  test("Unlock ends a logon lock from the Edit Account page", async ({ page }) => {
    const emp = await createEmployee();
    const { getDb } = await import("@/server/db");
    await getDb().mailAccount.update({
      where: { id: emp.id },
      data: { lockedUntil: new Date(Date.now() + 3_600_000), failedLogonCount: 10, lockCount: 1 },
    });
    await logOnAsPostmaster(page);
    await page.goto(`/admin/accounts/${emp.id}`);
    await expect(page.getByText(/Locked until .* after 10 failed logons\./)).toBeVisible();
    await shot(page, "9-locked-account");
    await page.getByRole("button", { name: "Unlock" }).click();
    await expect(page.getByText(`${emp.address} is unlocked and can log on again.`)).toBeVisible();
    expect((await accountRow(emp.address)).lockedUntil).toBeNull();
  });

  test("Audit Log: newest first, filters, bad dates explained, CSV export of the filtered events", async ({ page }) => {
    const emp = await createEmployee();
    // A logon through the form, so that the newest event is this postmaster's logon.
    await logOnWithSmsCode(page, DEMO.postmaster.email, DEMO.postmaster.password, DEMO.postmaster.mobile);
    await expect(page).toHaveURL(/\/admin/);
    await page.goto(`/admin/accounts/${emp.id}`);
    await choose(page, "Security", "Audit Log");
    const firstRow = page.getByRole("table").getByRole("row").nth(1);
    await expect(firstRow).toContainText("logon.success");

    await page.getByLabel("Account").fill(emp.address);
    await page.getByLabel("From").fill("2026-01-01");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(new RegExp(`account=${encodeURIComponent(emp.address).replace(/\./g, "\\.")}`));
    await expect(page.getByText("No events match these filters.")).toBeVisible(); // the employee has done nothing yet

    await page.goto("/admin/audit-log?from=2026-13-01");
    await expect(page.getByText("Enter a real date.")).toBeVisible();

    await page.goto("/admin/audit-log?action=logon.success");
    await expect(page.getByRole("table")).not.toContainText("access.refused");
    await shot(page, "7-audit-log");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-example\.com-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await (await download.createReadStream()).toArray();
    const text = Buffer.concat(csv).toString("utf8");
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe('"Time (UTC)","Actor kind","Actor","Action","Target kind","Target","Result","IP address","User agent","Detail"');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes('"logon.success"'))).toBe(true);
  });

  test("Sign out everywhere ends every session of an employee at once", async ({ page, browser }) => {
    const u = await createEmployee();
    const ctx = await browser.newContext();
    const employee = await ctx.newPage();
    await openSession(ctx, "mail", u.address);
    await logOnAsPostmaster(page);
    await page.goto(`/admin/accounts/${u.id}`);
    await expect(page.getByText("Logged on in 1 place")).toBeVisible();
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page.getByText(`Every session of ${u.address} has ended. They must log on again.`)).toBeVisible();
    await expect(page.getByText("Not logged on anywhere")).toBeVisible();
    await shot(page, "edit-account-signed-out");
    await employee.goto("/account");
    await expect(employee).toHaveURL(/\/login$/);
    await ctx.close();
  });
});
