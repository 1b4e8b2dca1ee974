import { openSession } from "../support/sessions";
import type { Page } from "@playwright/test";
import { createEmployee, expect, formAlert, latestCode, logOn, stubMessages, submit, test } from "../support/fixtures";
import {
  enterAccount,
  enterSmsCode,
  expectStep,
  keepSeedAccount,
  NOT_AVAILABLE,
  openFromLogon,
  sendSmsCode,
  setNewPassword,
  shot,
  SMS_METHOD,
  uniqueMobile,
} from "../support/recovery";
import { DEMO } from "../../tests/support/demo-accounts";

const card = (page: Page, title: string) =>
  page.locator("section").filter({ has: page.getByRole("heading", { name: title, exact: true }) });

const ALICE = { address: DEMO.alice.email, mobile: DEMO.alice.mobile };
const CAROL = { address: DEMO.carol.email, answers: DEMO.carol.answers };

test.describe("Forgot Password (the article's Scenario 2)", () => {
  const restore: Array<() => Promise<void>> = [];
  test.afterEach(async () => {
    // Test cleanup: other tests and spec files log on as alice and carol with their seed passwords.
    for (const undo of restore.splice(0)) await undo();
  });

  test("alice resets her password with an SMS code to her secure mobile", async ({ page }) => {
    restore.push(await keepSeedAccount(ALICE.address));
    // "click Forgot Password on the logon page"
    await openFromLogon(page);
    await shot(page, "1-account");
    // "Enter the email address and image verification code, and then click Next."
    await enterAccount(page, ALICE.address);
    await expectStep(page, "Verify identity");
    const recoveryCookie = (await page.context().cookies()).find((c) => c.name === "postkey_recovery");
    expect(recoveryCookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    expect(recoveryCookie?.value).toMatch(/^[\w-]{22}\.[\w-]{22}$/); // flow id and browser key
    await expect(page.getByRole("radio", { name: SMS_METHOD })).toBeVisible();
    await expect(page.getByRole("radio", { name: "Questions" })).toBeVisible();
    await expect(page.getByText("+1 ••• ••• 0101")).toBeVisible();
    await expect(page.getByText(ALICE.mobile)).toHaveCount(0);
    await shot(page, "2-verify-choose");
    // "Choose Receive an SMS verification code on your secure mobile"
    const code = await sendSmsCode(page, ALICE.mobile);
    await expect(page.getByRole("button", { name: "Resend code" })).toBeDisabled();
    await expect(page.getByText(/You can resend the code in \d+ s\./)).toBeVisible();
    await shot(page, "3-verify-code-sent");
    // "Receive the SMS verification code from the mobile phone and click Next."
    await enterSmsCode(page, code);
    await shot(page, "4-set-new-password");
    // "Set a new password." — "Reset succeeded."
    await setNewPassword(page, "Calm#Estuary2027");
    await shot(page, "5-reset-succeeded");
    expect((await page.context().cookies()).find((c) => c.name === "postkey_recovery")).toBeUndefined();
    await page.getByRole("link", { name: "Log on", exact: true }).click();
    await expect(page).toHaveURL(/\/login$/);
    await logOn(page, ALICE.address, "Calm#Estuary2027");
    await expect(page).toHaveURL(/\/account$/);
  });

  test("carol resets her password by answering her security questions", async ({ page }) => {
    restore.push(await keepSeedAccount(CAROL.address));
    await openFromLogon(page);
    await enterAccount(page, CAROL.address);
    await expect(page.getByRole("radio", { name: SMS_METHOD })).toHaveCount(0);
    await page.getByRole("radio", { name: "Questions" }).check();
    await page.getByLabel("What was the name of your first pet?").fill("WRONG");
    await page.getByLabel("In which city were you born?").fill(CAROL.answers[1]);
    await page.getByLabel("What was the name of your primary school?").fill(CAROL.answers[2]);
    await submit(page, "Next");
    await expect(formAlert(page)).toHaveText("Verification failed. 4 tries left.");
    await shot(page, "6-questions-failed");
    await page.getByLabel("What was the name of your first pet?").fill(` ${CAROL.answers[0].toUpperCase()} `);
    await page.getByLabel("In which city were you born?").fill(CAROL.answers[1]);
    await page.getByLabel("What was the name of your primary school?").fill(CAROL.answers[2]);
    await submit(page, "Next");
    await setNewPassword(page, "Warm#Meadow2027");
    await page.goto("/login");
    await logOn(page, CAROL.address, "Warm#Meadow2027");
    await expect(page).toHaveURL(/\/account$/);
  });

  test("bob, with no method bound, gets the not-available message, like an unknown address", async ({ page }) => {
    await openFromLogon(page);
    await enterAccount(page, DEMO.bob.email);
    await expect(formAlert(page)).toHaveText(NOT_AVAILABLE);
    await expectStep(page, "Account");
    await shot(page, "7-not-available");
    await enterAccount(page, "nobody-at-all@example.com");
    await expect(formAlert(page)).toHaveText(NOT_AVAILABLE);
  });

  test("a wrong image code is refused and a new image is shown", async ({ page }) => {
    const u = await createEmployee({ mobile: uniqueMobile() });
    await openFromLogon(page);
    const image = page.getByRole("img", { name: "Image verification code" });
    const first = await image.getAttribute("src");
    await enterAccount(page, u.address, "WRONG");
    await expect(page.getByText("The image verification code is incorrect. Enter the characters in the new image.")).toBeVisible();
    await expect(image).not.toHaveAttribute("src", first ?? "");
    await expect(page.getByLabel("Email address")).toHaveValue(u.address);
    await enterAccount(page, u.address);
    await expectStep(page, "Verify identity");
  });

  test("a wrong code three times, then the right one", async ({ page }) => {
    const mobile = uniqueMobile();
    const u = await createEmployee({ mobile });
    await openFromLogon(page);
    await enterAccount(page, u.address);
    const code = await sendSmsCode(page, mobile);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    for (const left of [4, 3, 2]) {
      await enterSmsCode(page, wrong);
      await expect(page.getByText(`Verification failed. ${left} tries left.`)).toBeVisible();
    }
    await shot(page, "8-wrong-code");
    await enterSmsCode(page, code);
    await setNewPassword(page, "Bright#Harbor2027");
  });

  test("the reset signs out a session that was open in another browser", async ({ page, browser }) => {
    const mobile = uniqueMobile();
    const u = await createEmployee({ mobile });
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await openSession(other, "mail", u.address);
    await otherPage.goto("/account");
    await expect(otherPage).toHaveURL(/\/account$/);

    await openFromLogon(page);
    await enterAccount(page, u.address);
    await enterSmsCode(page, await sendSmsCode(page, mobile));
    await setNewPassword(page, "Fresh#Canyon2027");
    await expect.poll(async () => (await stubMessages(mobile)).at(-1)?.body).toContain("was reset with Forgot Password");

    await otherPage.goto("/account");
    await expect(otherPage).toHaveURL(/\/login/);
    await other.close();
  });

  test("the steps work from the keyboard, and Start over goes back to step 1", async ({ page }) => {
    const u = await createEmployee({ answers: ["Biscuit", "Hangzhou", "Sunrise"] });
    await openFromLogon(page);
    await expect(page.getByLabel("Email address")).toBeFocused();
    await page.keyboard.type(u.address);
    await page.keyboard.press("Tab"); // Refresh
    await page.keyboard.press("Tab"); // the image code
    await page.keyboard.type("PASSED");
    await page.keyboard.press("Enter");
    await expectStep(page, "Verify identity");
    // The only method is chosen already; the new step's heading has the focus, the first answer is the next stop.
    await expect(page.getByRole("radio", { name: "Questions" })).toBeChecked();
    await expect(page.getByRole("heading", { name: "Verify identity" })).toBeFocused();
    await page.getByRole("link", { name: "Start over" }).click();
    await expectStep(page, "Account");
    await expect(page.getByLabel("Email address")).toHaveValue("");
  });

  test("alice binds a new mobile and questions on /account and then resets with them", async ({ page }) => {
    restore.push(await keepSeedAccount(ALICE.address));
    const last2 = String(20 + Math.floor(Math.random() * 50));
    const mobile = `+1415555${"01"}${last2}`;
    const answers = ["Blue Whale", "Lisbon", "Pixel"];
    const picks = ["What was your childhood nickname?", "In which city did your parents meet?", "What was the first concert you attended?"];

    await logOn(page, ALICE.address, DEMO.alice.password);
    await expect(page).toHaveURL(/\/account$/);
    const phoneCard = card(page, "Secure mobile");
    const change = phoneCard.locator("details").filter({ hasText: "Change number" });
    await change.getByText("Change number").click();
    await change.getByLabel("Mobile number").fill(`415 555 01${last2}`);
    await change.getByLabel("Current password").fill(DEMO.alice.password);
    const sentAfter = Date.now();
    await submit(page, "Send code");
    await phoneCard.getByLabel("SMS verification code").fill(await latestCode(mobile, sentAfter));
    await submit(page, "Verify");
    await expect(phoneCard.getByTestId("secure-mobile")).toHaveText(`+1 ••• ••• 01${last2}`);

    const questionsCard = card(page, "Security questions");
    await questionsCard.getByText("Change security questions").click();
    for (let i = 0; i < 3; i++) {
      await questionsCard.getByLabel(`Security question ${i + 1}`).selectOption(picks[i]);
      await questionsCard.getByLabel(`Answer ${i + 1}`).fill(answers[i]);
    }
    await questionsCard.getByLabel("Current password").fill(DEMO.alice.password);
    await submit(page, "Save questions");
    await expect(questionsCard.getByTestId("security-questions").getByRole("listitem")).toHaveText(picks);
    await submit(page, "Log Off");

    // The new number receives the code; the old one is no longer offered.
    await openFromLogon(page);
    await enterAccount(page, ALICE.address);
    await expect(page.getByText(`+1 ••• ••• 01${last2}`)).toBeVisible();
    await expect(page.getByText("+1 ••• ••• 0101")).toHaveCount(0);
    await enterSmsCode(page, await sendSmsCode(page, mobile));
    await setNewPassword(page, "Tidal#Beacon2027");

    // And the new questions are the ones asked.
    await openFromLogon(page);
    await enterAccount(page, ALICE.address);
    await page.getByRole("radio", { name: "Questions" }).check();
    for (let i = 0; i < 3; i++) await page.getByLabel(picks[i]).fill(answers[i].toLowerCase());
    await submit(page, "Next");
    await setNewPassword(page, "Solar#Harbor2028");
    await logOn(page, ALICE.address, "Solar#Harbor2028");
    await expect(page).toHaveURL(/\/account$/);
  });
});
