import { expect, formAlert, logOn, test } from "../support/fixtures";
import { DEMO } from "../../tests/support/demo-accounts";

test.describe("Cloud console logon", () => {
  test("an operator logs on at /console/login; its cookie is Strict and separate from mail sessions", async ({ page, context }) => {
    await logOn(page, DEMO.ops2.email, DEMO.ops2.password, "/console/login");
    await expect(page).toHaveURL(/\/console$/);
    const cookie = (await context.cookies()).find((c) => c.name === "postkey_console");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a mail-account password does not open the console", async ({ page }) => {
    await logOn(page, DEMO.orgPostmaster.email, DEMO.orgPostmaster.password, "/console/login");
    await expect(formAlert(page)).toHaveText("Incorrect email address or password.");
  });
});
