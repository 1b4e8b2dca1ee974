import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { accountId, POSTMASTER } from "../support/admin";
import { domainIdOf, OPS } from "../support/console";
import { createEmployee, expect, test } from "../support/fixtures";
import { imageLoaded } from "../support/recovery";

// WCAG 2.0/2.1/2.2 A and AA, as axe-core checks them: zero violations on every
// page, in both languages, at the desktop width and at 320 px (200 % zoom of a
// 640 px window), where no page may scroll sideways.
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  // Next streams a dynamic page's <title> after its body: axe reads the document once it is there.
  await expect.poll(() => page.title(), { message: `a title on ${what}` }).not.toBe("");
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, `axe on ${what}`).toEqual([]);
  await expect(page.getByRole("navigation", { name: /^(Language|语言)$/ }), `language switcher on ${what}`).toBeVisible();
}

async function expectNoSideScroll(page: Page, what: string): Promise<void> {
  const found = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflow = document.documentElement.scrollWidth - width;
    // What reaches past the window's right edge, innermost first (to say why).
    const past = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > width + 0.5);
    const innermost = past.filter((el) => !past.some((other) => other !== el && el.contains(other)));
    return { overflow, culprits: innermost.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`) };
  });
  expect(found.overflow, `horizontal scroll on ${what} at 320 px: ${found.culprits.join(", ")}`).toBeLessThanOrEqual(0);
}

for (const locale of ["en", "zh-CN"] as const) {
  test.describe(`Accessibility in ${locale}`, () => {
    test.use({ locale });

    test("anonymous pages: logon (also with the image code and with an error), Forgot Password, console logon", async ({ page }) => {
      for (const path of ["/login", "/login?captcha=1", "/forgot-password", "/console/login", "/no-such-page"]) {
        await page.goto(path);
        await expectAccessible(page, path);
      }
      await page.goto("/login");
      await page.locator("form button[type=submit]").last().click();
      await expect(page.locator("[aria-invalid=true]").first()).toBeVisible();
      await expectAccessible(page, "/login after an empty submit");
      await page.goto("/forgot-password");
      await imageLoaded(page);
      await page.locator("main form button[type=submit]").last().click();
      await expect(page.locator("[aria-invalid=true]").first()).toBeVisible();
      await expectAccessible(page, "/forgot-password after an empty submit");
    });

    test("an employee's pages: Account Security and Change Password", async ({ page, signIn }) => {
      const emp = await createEmployee({ mobile: "+14155550123", answers: ["Paris", "Rex", "Blue"] });
      await signIn(emp.address, { path: "/account" });
      await expectAccessible(page, "/account");
      await page.goto("/account/change-password");
      await expectAccessible(page, "/account/change-password");
      await page.locator("main form button[type=submit]").last().click();
      await expect(page.locator("[aria-invalid=true]").first()).toBeVisible();
      await expectAccessible(page, "/account/change-password after an empty submit");
    });

    test("the domain-management console: every page", async ({ page, signIn }) => {
      await signIn(POSTMASTER.email, { path: "/admin/accounts" });
      const alice = await accountId("alice@example.com");
      for (const path of [
        "/admin/accounts",
        `/admin/accounts/${alice}`,
        "/admin/departments",
        "/admin/password-policy",
        "/admin/audit-log",
      ]) {
        await page.goto(path);
        await expectAccessible(page, path);
      }
    });

    test("the cloud console: every page", async ({ page, signIn }) => {
      await signIn(OPS.email, { kind: "console", path: "/console" });
      const id = await domainIdOf("example.com");
      for (const path of ["/console", `/console/domains/${id}`, `/console/domains/${id}/reset-password`, "/console/password"]) {
        await page.goto(path);
        await expectAccessible(page, path);
      }
    });
  });
}

test.describe("320 px wide (200 % zoom): no page scrolls sideways", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test("every surface", async ({ page, signIn, browser }) => {
    for (const path of ["/login", "/forgot-password", "/console/login"]) {
      await page.goto(path);
      await expectNoSideScroll(page, path);
    }
    await signIn(POSTMASTER.email);
    const alice = await accountId("alice@example.com");
    for (const path of [
      "/account",
      "/account/change-password",
      "/admin/accounts",
      `/admin/accounts/${alice}`,
      "/admin/departments",
      "/admin/password-policy",
      "/admin/audit-log",
    ]) {
      await page.goto(path);
      await expectNoSideScroll(page, path);
    }
    const ctx = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const console = await ctx.newPage();
    await signIn(OPS.email, { kind: "console", page: console, path: "/console" });
    const id = await domainIdOf("example.com");
    for (const path of ["/console", `/console/domains/${id}`, `/console/domains/${id}/reset-password`, "/console/password"]) {
      await console.goto(path);
      await expectNoSideScroll(console, path);
    }
    await ctx.close();
  });
});
