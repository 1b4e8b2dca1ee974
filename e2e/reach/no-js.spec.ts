import type { Page } from "@playwright/test";
import { POSTMASTER } from "../support/admin";
import { forgetOperatorLocale, OPS, restoreMailPassword } from "../support/console";
import { createEmployee, expect, latestCode, test } from "../support/fixtures";
import { SMS_METHOD, uniqueMobile } from "../support/recovery";

// The three scenarios with JavaScript off (the `no-js` project): every form is
// a plain HTML form, answered with a whole page. Run before JavaScript loads
// on a slow phone, the same forms behave the same way.
test.describe.configure({ mode: "serial" });

/** Submits with a click and waits for the answer page (a POST, or a GET form). */
async function press(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name, exact: true }).click()]);
}

async function follow(page: Page, name: string | RegExp, scope = page.locator("body")): Promise<void> {
  const link = scope.getByRole("link", typeof name === "string" ? { name, exact: true } : { name });
  await Promise.all([page.waitForEvent("load"), link.filter({ visible: true }).first().click()]);
}

test.describe("Without JavaScript", () => {
  const startedAt = new Date();
  // Test clean-up: other specs log on as postmaster@example.com with its seed password.
  test.afterAll(async () => restoreMailPassword(POSTMASTER.email, POSTMASTER.password, startedAt));

  test("Scenario 1: the postmaster logs on and resets an employee's password", async ({ page }) => {
    const emp = await createEmployee({ name: "Nora NoScript" });
    await page.goto("/login");
    await page.getByLabel("Email address").fill(POSTMASTER.email);
    await page.getByLabel("Password", { exact: true }).fill(POSTMASTER.password);
    await press(page, "Log On");
    // Postmasters log on in two steps: "Send code", then the code from the secure mobile.
    await expect(page).toHaveURL(/\/login\/two-step$/);
    const sentAfter = Date.now();
    await press(page, "Send code");
    await page.getByRole("textbox", { name: "SMS verification code" }).fill(await latestCode(POSTMASTER.mobile, sentAfter));
    await press(page, "Verify");
    await expect(page).toHaveURL(/\/admin/);

    const nav = page.getByRole("navigation", { name: "Left-side navigation pane" });
    await follow(page, "Employee Accounts", nav);
    await expect(page.getByRole("heading", { level: 1, name: "Employee Accounts" })).toBeVisible();
    // Other tests' accounts may push it to a later page: the search form (a GET form) finds it.
    await page.getByRole("searchbox", { name: "Search" }).fill(emp.address);
    await press(page, "Search");
    await follow(page, "Nora NoScript", page.getByRole("table"));
    await expect(page.getByRole("heading", { level: 1, name: "Edit Account" })).toBeVisible();
    await press(page, "Reset Password");
    // The policy is stated in words (no live checklist without JavaScript).
    await expect(page.getByText(/8 to 64 characters/).first()).toBeVisible();

    // A mismatch comes back next to its field, the page whole.
    await page.getByLabel("Password", { exact: true }).fill("Quiet#Orchard2026");
    await page.getByLabel("Confirm Password", { exact: true }).fill("Quiet#Orchard2027");
    await press(page, "Save");
    await expect(page.getByText("The passwords do not match.")).toBeVisible();

    await page.getByLabel("Password", { exact: true }).fill("Quiet#Orchard2026");
    await page.getByLabel("Confirm Password", { exact: true }).fill("Quiet#Orchard2026");
    await press(page, "Save");
    await expect(page.getByText(`The password of ${emp.address} has been reset.`)).toBeVisible();
  });

  test("Scenario 2: an employee resets their own password with an SMS code", async ({ page }) => {
    const mobile = uniqueMobile();
    const emp = await createEmployee({ mobile, answers: ["Paris", "Rex", "Blue"] });
    await page.goto("/login");
    await follow(page, "Forgot Password");
    await expect(page.getByRole("heading", { level: 1, name: "Forgot Password" })).toBeVisible();
    // The image is part of the page load: its challenge cookie is set before the form is sent.
    await page.getByLabel("Email address").fill(emp.address);
    await page.getByRole("textbox", { name: "Image verification code" }).fill("PASSED");
    await press(page, "Next");

    await page.getByRole("radio", { name: SMS_METHOD }).check();
    const continueButton = page.getByRole("button", { name: "Continue", exact: true });
    if (await continueButton.count()) await press(page, "Continue");
    const after = Date.now();
    await press(page, "Send code");
    // The wait before a new code is stated in words.
    await expect(page.getByText(/60 seconds/)).toBeVisible();
    const code = await latestCode(mobile, after);
    await page.getByLabel("SMS verification code", { exact: true }).fill(code);
    await press(page, "Next");

    await page.getByLabel("New password").fill("Amber#Lantern2026");
    await page.getByLabel("Confirm password").fill("Amber#Lantern2026");
    await press(page, "Submit");
    await expect(page.getByRole("heading", { name: "Reset succeeded" })).toBeVisible();
  });

  test("Scenario 3: the cloud operator logs on to the Email Console and resets the postmaster's password", async ({ page }) => {
    await forgetOperatorLocale(OPS.email); // its logon then follows this browser (English)
    await page.goto("/console/login");
    await page.getByLabel("Email address").fill(OPS.email);
    await page.getByLabel("Password", { exact: true }).fill(OPS.password);
    await press(page, "Log On");
    await expect(page).toHaveURL(/\/console$/);
    // The console opens on Email Services, where the domain is found.
    await expect(page.getByRole("heading", { level: 1, name: "Email Services" })).toBeVisible();
    await follow(page, /^Manage/, page.getByRole("row").filter({ hasText: "example.com" }));
    await expect(page.getByRole("heading", { name: "example.com" })).toBeVisible();
    await follow(page, "Reset Password", page.getByRole("main"));
    await page.getByLabel("New password").fill("Harbor#Lights2027");
    await page.getByLabel("Confirm password").fill("Harbor#Lights2027");
    await page.getByLabel("Console password").fill(OPS.password);
    await press(page, "Submit");
    await expect(page.getByText("The postmaster password has been reset.")).toBeVisible();
  });

  test("the language switcher works without JavaScript", async ({ page }) => {
    await page.goto("/forgot-password");
    await press(page, "简体中文");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1, name: "忘记密码" })).toBeVisible();
    await press(page, "English");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

test.describe("Without JavaScript: the other forms", () => {
  test("Account Security: security questions set, and a refused change says why next to the field", async ({ page, signIn }) => {
    const emp = await createEmployee();
    await signIn(emp.address, { path: "/account" });
    const questions = page.locator("section").filter({ has: page.getByRole("heading", { name: "Security questions", exact: true }) });
    for (const n of [1, 2, 3]) {
      await questions.getByLabel(`Security question ${n}`).selectOption({ index: n });
      await questions.getByLabel(`Answer ${n}`).fill(`Answer number ${n}`);
    }
    await questions.getByLabel("Current password").fill("wrong password");
    await press(page, "Save questions");
    await expect(page.getByText("The current password is incorrect.")).toBeVisible();
    const again = page.locator("section").filter({ has: page.getByRole("heading", { name: "Security questions", exact: true }) });
    for (const n of [1, 2, 3]) {
      await again.getByLabel(`Security question ${n}`).selectOption({ index: n });
      await again.getByLabel(`Answer ${n}`).fill(`Answer number ${n}`);
    }
    await again.getByLabel("Current password").fill(emp.password);
    await press(page, "Save questions");
    await expect(page.getByText("Your security questions are set:")).toBeVisible();
  });

  test("domain management: a department created, the audit log filtered, the CSV downloaded", async ({ page, signIn }) => {
    await signIn(POSTMASTER.email, { path: "/admin/departments" });
    const name = `NoScript ${Date.now().toString(36)}`;
    await page.getByLabel("Name", { exact: true }).fill(name);
    await press(page, "Create");
    await expect(page.getByText("The department was created.")).toBeVisible();
    await expect(page.getByRole("table").getByText(name)).toBeVisible();

    await page.goto("/admin/audit-log");
    await page.getByLabel("Action").selectOption("department.changed");
    await press(page, "Filter");
    await expect(page).toHaveURL(/action=department\.changed/);
    await expect(page.getByRole("table")).toContainText("department.changed");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
  });
});
