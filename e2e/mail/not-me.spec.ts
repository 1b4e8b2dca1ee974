import { createEmployee, expect, logOn, stubMessages, submit, test } from "../support/fixtures";
import { shot, uniqueMobile } from "../support/recovery";

/**
 * "This wasn't me" (SECURITY.md "Second step and recovery strength") as it happens: someone with alice's password, in a session of
 * their own, binds a backup address of theirs. Alice's phone gets the notice
 * with its "This wasn't me" link; opening it changes nothing, its button
 * signs out every session (the thief's too), requires a new password and
 * tells the postmaster. The link works once. With and without JavaScript.
 */
const LINK = /https?:\/\/\S+(\/not-me\/[A-Za-z0-9_-]{22})/;

async function noticeLink(mobile: string): Promise<string> {
  let path: string | undefined;
  await expect
    .poll(async () => {
      const sms = (await stubMessages(mobile)).findLast((m) => LINK.test(m.body));
      path = sms ? LINK.exec(sms.body)?.[1] : undefined;
      return path;
    })
    .toBeTruthy();
  return path as string;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a change the owner did not make: the link in the SMS secures the account, once", async ({ page, browser }) => {
      const mobile = uniqueMobile();
      const alice = await createEmployee({ mobile });
      const thiefContext = await browser.newContext({ javaScriptEnabled });
      const thief = await thiefContext.newPage();
      await logOn(thief, alice.address, alice.password);
      await expect(thief).toHaveURL(/\/account$/);
      // The thief adds an address of theirs (the password they hold is asked; the code goes to their inbox).
      const address = `thief.${Date.now().toString(36)}@evil.example`;
      const card = thief.locator("section", { has: thief.getByRole("heading", { name: "Backup email address" }) }).first();
      await thief.getByLabel("Backup email address").fill(address);
      await card.getByLabel("Current password").fill(alice.password);
      await card.getByRole("button", { name: "Email the code" }).click();
      await expect(thief.getByLabel("Email verification code")).toBeVisible();
      const { getDb } = await import("@/server/db");
      const mail = await getDb().emailMessage.findFirstOrThrow({ where: { to: address }, orderBy: { createdAt: "desc" } });
      await thief.getByLabel("Email verification code").fill(mail.body.match(/\d{6}/)![0]);
      await thief.getByRole("button", { name: "Verify the address" }).click();
      await expect(thief.getByText("The backup email address is bound.")).toBeVisible();

      // Alice's phone has the notice and its link; a link scanner opening it changes nothing.
      const path = await noticeLink(mobile);
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "Secure your account" })).toBeVisible();
      if (javaScriptEnabled) await shot(page, "not-me");
      await expect(page.getByText(alice.address)).toHaveCount(0); // nothing of the account on the page
      await thief.goto("/account");
      await expect(thief).toHaveURL(/\/account$/);

      await submit(page, "This wasn't me: secure my account");
      await expect(page).toHaveURL(/\/not-me\?done=1$/);
      await expect(page.getByText("Your account is secured: every session was signed out")).toBeVisible();
      if (javaScriptEnabled) await shot(page, "not-me-done");

      // The thief's session is over; the link works once.
      await thief.goto("/account");
      await expect(thief).toHaveURL(/\/login/);
      await page.goto(path);
      await expect(page.getByText("This link cannot be used")).toBeVisible();
      await expect(page.getByRole("button", { name: "This wasn't me: secure my account" })).toHaveCount(0);

      // Alice logs on and must set a new password first.
      await logOn(page, alice.address, alice.password);
      await expect(page).toHaveURL(/\/account\/change-password$/);
      await thiefContext.close();
    });
  });
}

test("a link that is made up, cut short or used says the same, and offers nothing", async ({ page }) => {
  for (const path of ["/not-me/AAAAAAAAAAAAAAAAAAAAAA", "/not-me/short", "/not-me"]) {
    await page.goto(path);
    await expect(page.getByText("This link cannot be used")).toBeVisible();
    await expect(page.locator("main").getByRole("button")).toHaveCount(0);
  }
});
