import { createEmployee, expect, submit, test } from "../support/fixtures";
import { openSession } from "../support/sessions";
import { shot } from "../support/admin";

/** SECURITY.md "Sessions", ADR 0003: sessions end on the server; an employee sees and ends its other sessions. */
test.describe("Sessions (Account Security)", () => {
  test("Log Off ends the session on the server: a copy of the cookie opens nothing afterwards", async ({
    page,
    context,
    browser,
    signIn,
  }) => {
    const u = await createEmployee();
    await signIn(u.address, { path: "/account" });
    const copied = await context.cookies();
    await page.getByRole("button", { name: "Log Off" }).click();
    await expect(page).toHaveURL(/\/login\?notice=signed-out/);

    const thief = await browser.newContext();
    await thief.addCookies(copied);
    const stolen = await thief.newPage();
    await stolen.goto("/account");
    await expect(stolen).toHaveURL(/\/login$/);
    await thief.close();
  });

  test("lists where the account is logged on, and logs off another session", async ({ page, browser }) => {
    const u = await createEmployee();
    const laptop = await browser.newContext({
      userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:140.0) Gecko/20100101 Firefox/140.0",
    });
    const other = await laptop.newPage();
    await openSession(laptop, "mail", u.address, "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:140.0) Gecko/20100101 Firefox/140.0");
    await openSession(page.context(), "mail", u.address, await page.evaluate(() => navigator.userAgent));
    await page.goto("/account");

    const list = page.getByRole("list", { name: "Open sessions" });
    await expect(list.getByRole("listitem")).toHaveCount(2);
    await expect(list.getByRole("listitem").filter({ hasText: "This browser" })).toHaveCount(1);
    await expect(list.getByText("Firefox on macOS")).toBeVisible();
    await shot(page, "account-sessions");

    await submit(page, "Log off");
    await expect(page.getByText("The session was logged off.")).toBeVisible();
    await expect(list.getByRole("listitem")).toHaveCount(1);

    await other.goto("/account");
    await expect(other).toHaveURL(/\/login$/);
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Account Security" })).toBeVisible(); // this browser stays
    await laptop.close();
  });
});
