import type { Page } from "@playwright/test";
import { createEmployee, expect, test } from "../support/fixtures";
import { zhText } from "../support/i18n";

// The language is chosen per person: first visit follows Accept-Language, the
// switcher (English / 简体中文) on every page sets a cookie, and a signed-in
// account keeps its choice (MailAccount.locale / CloudAccount.locale).

async function accountLocale(address: string): Promise<string | null> {
  const { getDb } = await import("@/server/db");
  return (await getDb().mailAccount.findUniqueOrThrow({ where: { address }, select: { locale: true } })).locale;
}

function switcher(page: Page) {
  return page.getByRole("navigation", { name: /^(Language|语言)$/ });
}

test.describe("Two languages", () => {
  test.describe("a browser that prefers Chinese", () => {
    test.use({ locale: "zh-CN" });

    test("the first visit is in 简体中文, <html lang> says so, and the switcher turns it to English for good", async ({ page }) => {
      await page.goto("/login");
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      await expect(page.getByRole("heading", { level: 1, name: zhText("Logon.heading") })).toBeVisible();
      await expect(page.getByRole("link", { name: "忘记密码" })).toBeVisible();
      await expect(switcher(page).getByRole("button", { name: "简体中文" })).toHaveAttribute("aria-current", "true");

      await switcher(page).getByRole("button", { name: "English" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.getByRole("heading", { level: 1, name: "Log on to your mailbox" })).toBeVisible();
      await page.reload();
      await expect(page.getByRole("heading", { level: 1, name: "Log on to your mailbox" })).toBeVisible();
      await page.goto("/forgot-password");
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
    });
  });

  test("the switcher is on the logon, Forgot Password and console logon pages", async ({ page }) => {
    for (const path of ["/login", "/forgot-password", "/console/login"]) {
      await page.goto(path);
      await expect(switcher(page).getByRole("button", { name: "English" })).toHaveAttribute("aria-current", "true");
      await expect(switcher(page).getByRole("button", { name: "简体中文" })).toHaveAttribute("lang", "zh-CN");
    }
  });

  test("a signed-in account keeps its choice: switched once, it follows the person to another browser", async ({
    page,
    browser,
    signIn,
  }) => {
    const emp = await createEmployee();
    await signIn(emp.address, { path: "/account" });
    await switcher(page).getByRole("button", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect.poll(() => accountLocale(emp.address)).toBe("zh-CN");

    // A new browser that prefers English: the logon brings the stored choice back.
    const other = await browser.newContext({ locale: "en-US" });
    const p2 = await other.newPage();
    await p2.goto("/login");
    await expect(p2.locator("html")).toHaveAttribute("lang", "en");
    await p2.getByLabel("Email address").fill(emp.address);
    await p2.getByLabel("Password", { exact: true }).fill(emp.password);
    await p2.getByRole("button", { name: "Log On" }).click();
    await expect(p2).toHaveURL(/\/account$/);
    await expect(p2.locator("html")).toHaveAttribute("lang", "zh-CN");
    await other.close();
  });

  test("an account without a stored choice keeps the language it first logged on in", async ({ page }) => {
    const emp = await createEmployee();
    await page.goto("/login");
    await switcher(page).getByRole("button", { name: "简体中文" }).click();
    await page.getByLabel("邮箱帐号").fill(emp.address);
    await page.getByLabel(zhText("Fields.password"), { exact: true }).fill(emp.password);
    await page.getByRole("button", { name: zhText("Logon.submit") }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect.poll(() => accountLocale(emp.address)).toBe("zh-CN");
  });
});
