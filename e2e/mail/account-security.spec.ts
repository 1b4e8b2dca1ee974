import type { Page } from "@playwright/test";
import { createEmployee, expect, formAlert, latestCode, submit, test } from "../support/fixtures";

const BANNER = "Bind a secure mobile and security questions so you can reset a forgotten password yourself.";
const SHOTS = process.env.E2E_SCREENSHOTS; // a directory: save screenshots of each step there

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/account-security-${name}.png`, fullPage: true });
}

const card = (page: Page, title: string) =>
  page.locator("section").filter({ has: page.getByRole("heading", { name: title, exact: true }) });

test.describe("Account Security: secure mobile and security questions", () => {
  test("an employee binds a secure mobile and security questions; the banner goes away", async ({ page, signIn }) => {
    const u = await createEmployee();
    const last2 = String(10 + Math.floor(Math.random() * 90));
    const e164 = `+1415555${"01"}${last2}`;
    const masked = `+1 ••• ••• 01${last2}`;

    await signIn(u.address, { path: "/account" });
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText(BANNER, { exact: true })).toBeVisible();
    const mobile = card(page, "Secure mobile");
    await expect(mobile.getByText("No secure mobile is bound.")).toBeVisible();
    await expect(mobile.getByLabel("Country or region")).toHaveValue("US");
    await shot(page, "1-start");

    // Send code: a wrong password first, then the right one.
    await mobile.getByLabel("Mobile number").fill(`(415) 555-01${last2}`);
    await mobile.getByLabel("Current password").fill("Wrong#Guess2026");
    await submit(page, "Send code");
    await expect(mobile.getByText("The current password is incorrect.")).toBeVisible();
    await expect(mobile.getByLabel("Mobile number")).toHaveValue(`(415) 555-01${last2}`);
    await mobile.getByLabel("Current password").fill(u.password);
    const sentAfter = Date.now();
    await submit(page, "Send code");
    await expect(mobile.getByText(`Enter the 6-digit code we sent by SMS to ${masked}.`, { exact: false })).toBeVisible();
    await expect(page.getByRole("button", { name: /Send a new code \(\d+ s\)/ })).toBeDisabled();
    const code = await latestCode(e164, sentAfter);
    await shot(page, "2-code-sent");

    // A wrong code says how many tries remain; the right one binds the number.
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    await mobile.getByLabel("SMS verification code").fill(wrong);
    await submit(page, "Verify");
    await expect(mobile.getByText("The code is incorrect. 4 tries left.")).toBeVisible();
    await shot(page, "3-wrong-code");
    await mobile.getByLabel("SMS verification code").fill(code);
    await submit(page, "Verify");
    await expect(mobile.getByText("Your secure mobile is bound.")).toBeVisible();
    await expect(mobile.getByTestId("secure-mobile")).toHaveText(masked);
    await expect(page.getByText(e164)).toHaveCount(0);

    // Security questions: the same question twice is refused next to the field.
    const questions = card(page, "Security questions");
    await expect(questions.getByText("No security questions are set.")).toBeVisible();
    const picks = ["What was the name of your first pet?", "In which city were you born?", "What was the make of your first car?"];
    const answers = ["Biscuit", "  HANGZHOU ", "Beetle"];
    await questions.getByLabel("Security question 1").selectOption(picks[0]);
    await questions.getByLabel("Security question 2").selectOption(picks[0]);
    await questions.getByLabel("Security question 3").selectOption(picks[2]);
    for (let i = 0; i < 3; i++) await questions.getByLabel(`Answer ${i + 1}`).fill(answers[i]);
    await questions.getByLabel("Current password").fill(u.password);
    await submit(page, "Save questions");
    await expect(questions.getByText("Choose 3 different questions.")).toBeVisible();
    await expect(questions.getByLabel("Security question 1")).toHaveValue(picks[0]);
    await shot(page, "4-questions-error");

    await questions.getByLabel("Security question 2").selectOption(picks[1]);
    for (let i = 0; i < 3; i++) await questions.getByLabel(`Answer ${i + 1}`).fill(answers[i]);
    await questions.getByLabel("Current password").fill(u.password);
    await submit(page, "Save questions");
    await expect(questions.getByText("Your security questions were saved.")).toBeVisible();
    await expect(questions.getByTestId("security-questions").getByRole("listitem")).toHaveText(picks);
    await expect(page.getByText(BANNER)).toHaveCount(0);
    await expect(formAlert(page)).toHaveCount(0);
    const html = await page.content();
    for (const a of ["Biscuit", "HANGZHOU", "hangzhou", "Beetle"]) expect(html).not.toContain(a);
    await page.reload();
    await expect(card(page, "Secure mobile").getByTestId("secure-mobile")).toHaveText(masked);
    await expect(page.getByText(BANNER)).toHaveCount(0);
    await shot(page, "5-done");
  });

  test("a number the SMS provider refuses gets a clear message and binds nothing", async ({ page, signIn }) => {
    const u = await createEmployee();
    await signIn(u.address, { path: "/account" });
    const mobile = card(page, "Secure mobile");
    await mobile.getByLabel("Mobile number").fill("+1 500 555 0009"); // the stub answers Twilio error 21614
    await mobile.getByLabel("Current password").fill(u.password);
    await submit(page, "Send code");
    await expect(mobile.getByText("We could not send a code to this number. Check the number, or try again later.")).toBeVisible();
    await expect(mobile.getByLabel("SMS verification code")).toHaveCount(0);
    await expect(mobile.getByText("No secure mobile is bound.")).toBeVisible();
  });

  test("a bound number can be removed with the current password", async ({ page, signIn }) => {
    const u = await createEmployee({ mobile: "+14155550177" });
    await signIn(u.address, { path: "/account" });
    const mobile = card(page, "Secure mobile");
    await expect(mobile.getByTestId("secure-mobile")).toHaveText("+1 ••• ••• 0177");
    await mobile.getByText("Change number").click();
    await mobile.getByText("Remove the secure mobile").click();
    await mobile.getByLabel("Current password").last().fill("Wrong#Guess2026");
    await submit(page, "Remove");
    await expect(mobile.getByText("The current password is incorrect.")).toBeVisible();
    await expect(mobile.getByTestId("secure-mobile")).toHaveText("+1 ••• ••• 0177");
    await shot(page, "6-change-and-remove-open");
    if (SHOTS) {
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, "7-narrow");
      await page.setViewportSize({ width: 1280, height: 720 });
    }
    await mobile.getByLabel("Current password").last().fill(u.password);
    await submit(page, "Remove");
    await expect(mobile.getByText("Your secure mobile was removed.")).toBeVisible();
    await expect(mobile.getByText("No secure mobile is bound.")).toBeVisible();
    await expect(page.getByText(BANNER, { exact: true })).toBeVisible();
  });
});
