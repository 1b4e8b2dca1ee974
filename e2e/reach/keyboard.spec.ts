import type { Locator, Page } from "@playwright/test";
import { POSTMASTER } from "../support/admin";
import { expectNoAxeViolations as axe } from "../support/a11y";
import { OPS, restoreMailPassword } from "../support/console";
import { createEmployee, expect, latestCode, test } from "../support/fixtures";
import { imageLoaded, SMS_METHOD, uniqueMobile } from "../support/recovery";

// The three scenarios with the keyboard alone (Tab, Shift+Tab, Enter, Space):
// every stop reachable, focus always visible, focus moved to what needs
// attention. The wizard's every step is also checked with axe, in English
// (scenarios-zh.spec.ts checks it in Chinese).
test.describe.configure({ mode: "serial" });

async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
    const ring = s.boxShadow !== "none" && s.boxShadow !== "";
    return outline || ring;
  });
}

/** Presses Tab until `target` has the focus (fails if it never does), and checks the focus is visible there. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      expect(await focusIsVisible(page), "the focused element shows its focus").toBe(true);
      return;
    }
    await page.keyboard.press("Tab");
  }
  throw new Error(`not reachable with Tab: ${target}`);
}

test.describe("Keyboard only", () => {
  const startedAt = new Date();
  // Test clean-up: other specs log on as postmaster@example.com with its seed password.
  test.afterAll(async () => restoreMailPassword(POSTMASTER.email, POSTMASTER.password, startedAt));

  test("Scenario 1: Employee Accounts > name > Edit Account > Reset Password > Save", async ({ page, signIn }) => {
    const emp = await createEmployee({ name: "Kim Keyboard" });
    await signIn(POSTMASTER.email, { path: `/admin/accounts?q=${encodeURIComponent(emp.address)}` });
    await tabTo(page, page.getByRole("link", { name: "Kim Keyboard" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Edit Account" })).toBeVisible();
    await tabTo(page, page.getByRole("button", { name: "Reset Password" }));
    await page.keyboard.press("Enter");
    await tabTo(page, page.getByLabel("Password", { exact: true }));
    await page.keyboard.type("Quiet#Orchard2026");
    await tabTo(page, page.getByLabel("Confirm Password", { exact: true }));
    await page.keyboard.type("Quiet#Orchard2020");
    await tabTo(page, page.getByRole("button", { name: "Save", exact: true }));
    await page.keyboard.press("Enter");
    // A refused Save: the focus goes to the field in error, which says why.
    await expect(page.getByLabel("Confirm Password", { exact: true })).toBeFocused();
    await expect(page.getByText("The passwords do not match.")).toBeVisible();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("Quiet#Orchard2026");
    await page.keyboard.press("Enter");
    await expect(page.getByText(`The password of ${emp.address} has been reset.`)).toBeVisible();
  });

  test("Scenario 2: Forgot Password by SMS code, every step checked with axe", async ({ page }) => {
    const mobile = uniqueMobile();
    const emp = await createEmployee({ mobile, answers: ["Paris", "Rex", "Blue"] });
    await page.goto("/login");
    await tabTo(page, page.getByRole("link", { name: "Forgot Password" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Forgot Password" })).toBeVisible();
    await axe(page, "Forgot Password: account");
    await imageLoaded(page);
    await tabTo(page, page.getByLabel("Email address"));
    await page.keyboard.type(emp.address);
    await tabTo(page, page.getByRole("textbox", { name: "Image verification code" }));
    await page.keyboard.type("PASSED");
    await page.keyboard.press("Enter");

    await expect(page.getByRole("heading", { name: "Verify identity" })).toBeFocused();
    await axe(page, "Forgot Password: verify identity");
    await tabTo(page, page.getByRole("radio").first());
    const sms = page.getByRole("radio", { name: SMS_METHOD });
    for (let i = 0; i < 3 && !(await sms.isChecked()); i++) {
      if (await sms.evaluate((el) => el === document.activeElement)) await page.keyboard.press("Space");
      else await page.keyboard.press("ArrowDown");
    }
    await expect(sms).toBeChecked();
    const after = Date.now();
    await tabTo(page, page.getByRole("button", { name: "Send code" }));
    await page.keyboard.press("Enter");
    const codeField = page.getByLabel("SMS verification code", { exact: true });
    await expect(codeField).toBeVisible();
    await axe(page, "Forgot Password: code sent");
    const code = await latestCode(mobile, after);
    await tabTo(page, codeField);
    await page.keyboard.type(code);
    await page.keyboard.press("Enter");

    await expect(page.getByRole("heading", { name: "Set a new password" })).toBeFocused();
    await axe(page, "Forgot Password: new password");
    await tabTo(page, page.getByLabel("New password"));
    await page.keyboard.type("Amber#Lantern2026");
    await tabTo(page, page.getByLabel("Confirm password"));
    await page.keyboard.type("Amber#Lantern2026");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Reset succeeded" })).toBeVisible();
    await axe(page, "Forgot Password: done");
  });

  test("Scenario 3: Email Console logon > Email Services > Manage > Reset Password > Submit", async ({ page }) => {
    await page.goto("/console/login");
    await tabTo(page, page.getByLabel("Email address"));
    await page.keyboard.type(OPS.email);
    await tabTo(page, page.getByLabel("Password", { exact: true }));
    await page.keyboard.type(OPS.password);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/console$/);
    await tabTo(page, page.getByRole("row").filter({ hasText: "example.com" }).getByRole("link", { name: "Manage" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "example.com" })).toBeVisible();
    await tabTo(page, page.getByRole("main").getByRole("link", { name: "Reset Password" }));
    await page.keyboard.press("Enter");
    await tabTo(page, page.getByLabel("New password"));
    await page.keyboard.type("Harbor#Lights2027");
    await tabTo(page, page.getByLabel("Confirm password"));
    await page.keyboard.type("Harbor#Lights2027");
    await tabTo(page, page.getByLabel("Console password"));
    await page.keyboard.type(OPS.password);
    await page.keyboard.press("Enter");
    await expect(page.getByText("The postmaster password has been reset.")).toBeVisible();
  });

  test("Shift+Tab goes back, and the skip link leads to the main content", async ({ page }) => {
    await page.goto("/login");
    // The logon page starts in its first field; Shift+Tab walks back over the language switcher to the skip link.
    await expect(page.getByLabel("Email address")).toBeFocused();
    const skip = page.getByRole("link", { name: "Skip to main content" });
    for (let i = 0; i < 6 && !(await skip.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Shift+Tab");
    await expect(skip).toBeFocused();
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
    await tabTo(page, page.getByLabel("Password", { exact: true }));
    await page.keyboard.press("Shift+Tab");
    await expect(page.getByLabel("Email address")).toBeFocused();
  });
});
