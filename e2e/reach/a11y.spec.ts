import type { Page } from "@playwright/test";
import { POSTMASTER } from "../support/admin";
import { adminPages, consolePages, expectNoAxeViolations } from "../support/a11y";
import { OPS } from "../support/console";
import { createEmployee, expect, test } from "../support/fixtures";
import { imageLoaded } from "../support/recovery";

// WCAG 2.0/2.1/2.2 A and AA, as axe-core checks them: zero violations on every
// page, in both languages, at the desktop width and at 320 px (200 % zoom of a
// 640 px window), where no page may scroll sideways.
async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await expectNoAxeViolations(page, what);
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

    test("the one-use links of notices: 'This wasn't me' and the unlock, live, used up, and where they land", async ({ page }) => {
      const { issueOwnerLink } = await import("@/server/notices/owner-link");
      const owner = await createEmployee();
      for (const purpose of ["NOT_ME", "UNLOCK"] as const) {
        const path = new URL(await issueOwnerLink(purpose, owner.id, "a11y", new Date())).pathname;
        await page.goto(path);
        await expect(page.locator("main form button[type=submit]")).toBeVisible();
        await expectAccessible(page, `${path} (live)`);
        const base = path.replace(/\/[^/]+$/, "");
        for (const landing of [`${base}/AAAAAAAAAAAAAAAAAAAAAA`, `${base}?done=1`]) {
          await page.goto(landing);
          await expectAccessible(page, landing);
        }
      }
    });

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

    test("two-step logon: the second step (also with an error), and Account Security setting up an authenticator app", async ({ page }) => {
      const { getDb } = await import("@/server/db");
      const pm = await createEmployee({ mobile: "+14155550124" });
      await getDb().mailAccount.update({ where: { id: pm.id }, data: { role: "POSTMASTER" } });
      await page.goto("/login");
      await page.locator('input[name="email"]').fill(pm.address);
      await page.locator('input[name="password"]').fill(pm.password);
      await page.locator("main form button[type=submit]").last().click();
      await expect(page).toHaveURL(/\/login\/two-step$/);
      await expectAccessible(page, "/login/two-step");
      await page.locator("main form").first().locator("button[type=submit]").click();
      await expect(page.locator('input[name="code"]')).toBeVisible();
      await page.locator('input[name="code"]').fill("000000");
      await page.locator('input[name="code"]').press("Enter");
      await expect(page.locator("[aria-invalid=true]").first()).toBeVisible();
      await expectAccessible(page, "/login/two-step after a wrong code");

      // Without a method, the postmaster is held on Account Security, where the app is set up.
      await getDb().mailAccount.update({ where: { id: pm.id }, data: { secureMobile: null, secureMobileVerifiedAt: null } });
      await page.context().clearCookies();
      await page.goto("/login");
      await page.locator('input[name="email"]').fill(pm.address);
      await page.locator('input[name="password"]').fill(pm.password);
      await page.locator("main form button[type=submit]").last().click();
      await expect(page).toHaveURL(/\/account$/);
      await expectAccessible(page, "/account of an account that must set up two-step logon (the password asked first)");
      await page.locator("#two-step details[open] input[name=currentPassword]").fill(pm.password);
      await page.locator("#two-step details[open] form button[type=submit]").click();
      await expect(page.getByTestId("totp-key")).toBeVisible();
      await expectAccessible(page, "/account with an authenticator app being set up");
    });

    test("the domain-management console: every page", async ({ page, signIn }) => {
      await signIn(POSTMASTER.email, { path: "/admin/accounts" });
      for (const path of await adminPages()) {
        await page.goto(path);
        await expectAccessible(page, path);
      }
    });

    test("the cloud console: every page", async ({ page, signIn }) => {
      await signIn(OPS.email, { kind: "console", path: "/console" });
      for (const path of await consolePages()) {
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
    for (const path of ["/account", "/account/change-password", ...(await adminPages())]) {
      await page.goto(path);
      await expectNoSideScroll(page, path);
    }
    const ctx = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const console = await ctx.newPage();
    await signIn(OPS.email, { kind: "console", page: console, path: "/console" });
    for (const path of await consolePages()) {
      await console.goto(path);
      await expectNoSideScroll(console, path);
    }
    await ctx.close();
  });
});
