import { openSession } from "../support/sessions";
import { expect, formAlert, logOn, logOnWithSmsCode, test } from "../support/fixtures";
import {
  auditEventsSince,
  createConsoleOperator,
  domainIdOf,
  logOnConsole,
  mailAccountState,
  OPS,
  OPS2,
  POSTMASTER,
  POSTMASTER_PASSWORD_AFTER_CONSOLE_RESET as NEW_PASSWORD,
  restoreMailPassword,
  submitForm,
} from "../support/console";
import { DEMO } from "../../tests/support/demo-accounts";

// Scenario 3 of the help article, "The Postmaster Forgets the Password":
//   1. Logon to the Alibaba Cloud Email Console.
//   2. Find your domain name in Email Services and go to the Manage page.
//   3. Click Reset Password.
//   4. Reset the password of the postmaster account and click Submit to save the change.
test.describe.configure({ mode: "serial" });

test.describe("Scenario 3: the cloud operator resets a forgotten postmaster password", () => {
  const startedAt = new Date();
  // Test clean-up, not product behaviour: other specs of this run log on as postmaster@example.com.
  test.afterAll(async () => restoreMailPassword(POSTMASTER.email, POSTMASTER.password, startedAt));

  test("ops@cloud.example.net follows the article's steps and resets postmaster@example.com", async ({ page, browser }) => {
    // A postmaster session opened before the reset (another browser).
    const earlier = await browser.newContext();
    const earlierPage = await earlier.newPage();
    await openSession(earlier, "mail", POSTMASTER.email);
    await earlierPage.goto("/admin");
    await expect(earlierPage).toHaveURL(/\/admin/);

    await test.step("1. Logon to the Email Console", async () => {
      await page.goto("/console/login");
      await expect(page.getByRole("heading", { name: "Email Console" })).toBeVisible();
      await page.getByLabel("Email address").fill(OPS.email);
      await page.getByLabel("Password", { exact: true }).fill(OPS.password);
      await page.getByRole("button", { name: "Log On" }).click();
      await expect(page).toHaveURL(/\/console$/);
      await expect(page.getByRole("banner")).toContainText("Email Console");
      await expect(page.getByRole("banner")).toContainText(OPS.email);
    });

    await test.step("2. Find your domain name in Email Services and go to the Manage page", async () => {
      await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Email Services" }).click();
      await expect(page.getByRole("heading", { name: "Email Services" })).toBeVisible();
      await page.getByRole("searchbox", { name: "Search domain names" }).fill("example.com");
      await page.getByRole("searchbox", { name: "Search domain names" }).press("Enter");
      await expect(page).toHaveURL(/\/console\?q=example\.com/);
      const row = page.getByRole("row").filter({ hasText: "example.com" });
      await expect(row).toHaveCount(1);
      await row.getByRole("link", { name: "Manage" }).click();
      await expect(page.getByRole("heading", { name: "example.com" })).toBeVisible();
      await expect(page.getByText(POSTMASTER.email)).toBeVisible();
    });

    await test.step("3. Click Reset Password", async () => {
      await page.getByRole("link", { name: "Reset Password" }).click();
      await expect(page.getByRole("heading", { name: "Reset Password" })).toBeVisible();
      await expect(page.getByLabel("Require password change at next logon")).not.toBeChecked();
    });

    await test.step("4. Reset the password of the postmaster account and click Submit", async () => {
      await page.getByLabel("New password").fill(NEW_PASSWORD);
      await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
      await page.getByLabel("Console password").fill(OPS.password);
      await page.getByRole("button", { name: "Submit" }).click();
      await expect(page.getByText("The postmaster password has been reset.")).toBeVisible();
      await expect(page.getByRole("heading", { name: "example.com" })).toBeVisible();
    });

    // The postmaster's old session has ended.
    await earlierPage.goto("/account");
    await expect(earlierPage).toHaveURL(/\/login/);
    await earlierPage.goto("/admin");
    await expect(earlierPage).toHaveURL(/\/login/);
    await earlier.close();

    // The old password no longer opens the mailbox; the new one opens the domain-management console.
    const postmaster = await browser.newContext();
    const pmPage = await postmaster.newPage();
    await logOn(pmPage, POSTMASTER.email, POSTMASTER.password);
    await expect(formAlert(pmPage)).toHaveText("Incorrect email address or password.");
    await logOnWithSmsCode(pmPage, POSTMASTER.email, NEW_PASSWORD, POSTMASTER.mobile);
    await expect(pmPage).toHaveURL(/\/admin/);
    await postmaster.close();

    const [event] = await auditEventsSince(startedAt, "password.reset.console");
    expect(event).toMatchObject({ actorKind: "CLOUD_ACCOUNT", actorLabel: OPS.email, targetLabel: POSTMASTER.email, result: "SUCCESS" });
  });
});

test.describe("Email Console: what else an operator sees and may do", () => {
  test("Submit with problems changes nothing and shows every problem next to its field", async ({ page }) => {
    const op = await createConsoleOperator();
    const before = await mailAccountState(op.domain.postmaster.address);
    await logOnConsole(page, op);
    await page.goto(`/console/domains/${op.domain.id}/reset-password`);
    await submitForm(page);
    await expect(page.getByText("Enter a new password.")).toBeVisible();
    await expect(page.getByText("Enter the new password again.")).toBeVisible();
    await expect(page.getByText("Enter your console password.")).toBeVisible();

    await page.getByLabel("New password").fill("Harbor#Lights2027"); // "harbor" is a weak keyword of this domain
    await page.getByLabel("Confirm password").fill("Harbor#Lights2028");
    await page.getByLabel("Console password").fill("Wrong#Console2026");
    await submitForm(page);
    await expect(page.getByText("The console password is incorrect.")).toBeVisible();
    await expect(page.getByText(/weak-password keyword.*"harbor"/)).toBeVisible();
    await expect(page.getByText("The passwords do not match.")).toBeVisible();
    expect(await mailAccountState(op.domain.postmaster.address)).toEqual(before);

    // Once the console password is right, it is not asked again for 5 minutes.
    await page.getByLabel("New password").fill("Quiet#Meadow2027");
    await page.getByLabel("Confirm password").fill("Quiet#Meadow2028");
    await page.getByLabel("Console password").fill(op.password);
    await submitForm(page);
    await expect(page.getByText("The passwords do not match.")).toBeVisible();
    await expect(page.getByText("Confirmed. You can leave this empty for the next 5 minutes.")).toBeVisible();
    await page.getByLabel("Confirm password").fill("Quiet#Meadow2027");
    await page.getByLabel("Console password").fill("");
    await submitForm(page);
    await expect(page.getByText("The postmaster password has been reset.")).toBeVisible();
    expect((await mailAccountState(op.domain.postmaster.address)).sessionVersion).toBe(before.sessionVersion + 1);
  });

  test("ops2 sees only example.org, and example.com's Manage page is not found for it", async ({ page }) => {
    const since = new Date();
    await logOnConsole(page, OPS2);
    const rows = page.getByRole("row");
    await expect(rows.filter({ hasText: "example.org" })).toHaveCount(1);
    await expect(rows.filter({ hasText: "example.com" })).toHaveCount(0);
    const res = await page.goto(`/console/domains/${await domainIdOf("example.com")}`);
    expect(res?.status()).toBe(404);
    await expect(page.getByText("not one of your email services")).toBeVisible();
    await expect(page.getByText(POSTMASTER.email)).toHaveCount(0);
    expect((await page.goto(`/console/domains/${await domainIdOf("example.com")}/reset-password`))?.status()).toBe(404);
    const refused = await auditEventsSince(since, "access.refused");
    expect(refused.map((e) => e.actorLabel)).toEqual([OPS2.email, OPS2.email]);
  });

  test("a Submit for another operator's domain (tampered form) is refused, audited, and changes nothing", async ({ page }) => {
    const since = new Date();
    const before = await mailAccountState(POSTMASTER.email);
    await logOnConsole(page, OPS2);
    await page.goto(`/console/domains/${await domainIdOf("example.org")}/reset-password`);
    const foreignId = await domainIdOf("example.com");
    await page.locator('input[name="domainId"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), foreignId);
    await page.getByLabel("New password").fill("Stolen#Domain2027");
    await page.getByLabel("Confirm password").fill("Stolen#Domain2027");
    await page.getByLabel("Console password").fill(OPS2.password);
    await submitForm(page);
    await expect(formAlert(page)).toHaveText("This domain is not one of your email services.");
    expect(await mailAccountState(POSTMASTER.email)).toEqual(before);
    const [event] = await auditEventsSince(since, "access.refused");
    expect(event).toMatchObject({ actorLabel: OPS2.email, targetLabel: "example.com", result: "REFUSED" });
  });

  test("a Submit without a console session, or with a mail session, is refused and audited", async ({ page, context }) => {
    const op = await createConsoleOperator();
    const before = await mailAccountState(op.domain.postmaster.address);
    const fill = async () => {
      await page.goto(`/console/domains/${op.domain.id}/reset-password`);
      await page.getByLabel("New password").fill("Quiet#Meadow2027");
      await page.getByLabel("Confirm password").fill("Quiet#Meadow2027");
      await page.getByLabel("Console password").fill(op.password);
    };
    const since = new Date();

    await logOnConsole(page, op);
    await fill();
    await context.clearCookies();
    await submitForm(page);
    await expect(page).toHaveURL(/\/console\/login\?notice=expired/);
    await expect(page.getByText("Your console session has ended.")).toBeVisible();

    await logOnConsole(page, op);
    await fill();
    await context.clearCookies();
    const other = await context.newPage();
    await openSession(context, "mail", op.domain.postmaster.address);
    await other.goto("/admin");
    await expect(other).toHaveURL(/\/admin/);
    await submitForm(page);
    await expect(page).toHaveURL(/\/console\/login/);

    expect(await mailAccountState(op.domain.postmaster.address)).toEqual(before);
    const refused = await auditEventsSince(since, "access.refused");
    expect(refused.map((e) => [e.actorKind, e.targetLabel, (e.detail as { reason: string }).reason])).toEqual([
      ["ANONYMOUS", op.domain.name, "no_session"],
      ["MAIL_ACCOUNT", op.domain.name, "mail_session"],
    ]);
  });

  test("sessions are separate: a postmaster session opens no console, a console session no /admin", async ({ page }) => {
    await openSession(page.context(), "mail", DEMO.orgPostmaster.email);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin/);
    await page.goto("/console");
    await expect(page).toHaveURL(/\/console\/login/);
    await expect(page.getByRole("banner")).toHaveCount(0);

    const fresh = await page.context().browser()!.newContext();
    const opsPage = await fresh.newPage();
    await logOnConsole(opsPage, OPS2);
    await opsPage.goto("/admin");
    await expect(opsPage).toHaveURL(/\/login/);
    await fresh.close();
  });

  test("5 wrong console passwords log the operator off everywhere, with a reason", async ({ page, browser }) => {
    const op = await createConsoleOperator();
    const second = await browser.newContext();
    const secondPage = await second.newPage();
    await logOnConsole(secondPage, op);

    await logOnConsole(page, op);
    await page.goto(`/console/domains/${op.domain.id}/reset-password`);
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel("New password").fill("Quiet#Meadow2027");
      await page.getByLabel("Confirm password").fill("Quiet#Meadow2027");
      await page.getByLabel("Console password").fill(`Wrong#Console${i}x`);
      await submitForm(page);
      if (i === 5) break;
      // The answer has arrived; React resets the form when it draws it (the console password empties), and only
      // then is this answer's message the one on the page: the same words stand there from the previous try.
      await expect(page.getByLabel("Console password")).toHaveValue("");
      await expect(page.getByText("The console password is incorrect.")).toBeVisible();
    }
    await expect(page).toHaveURL(/\/console\/login\?notice=reauth/);
    await expect(page.getByText("logged off after repeated wrong console passwords")).toBeVisible();
    await secondPage.goto("/console");
    await expect(secondPage).toHaveURL(/\/console\/login/);
    await second.close();
  });

  test("the operator changes its own console password; its other console sessions end, this one stays", async ({ page, browser }) => {
    const op = await createConsoleOperator();
    const second = await browser.newContext();
    const secondPage = await second.newPage();
    await logOnConsole(secondPage, op);

    await logOnConsole(page, op);
    await page.getByRole("link", { name: "Console password" }).click();
    await expect(page.getByRole("heading", { name: "Console password", exact: true })).toBeVisible();
    await page.getByLabel("Current password").fill(op.password);
    await page.getByLabel("New password").fill("Sky#Operator2027");
    await page.getByLabel("Confirm password").fill("Sky#Operator2027");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Your console password was changed.")).toBeVisible();
    await page.getByRole("link", { name: "Email Services" }).click();
    await expect(page.getByRole("heading", { name: "Email Services" })).toBeVisible();

    await secondPage.goto("/console");
    await expect(secondPage).toHaveURL(/\/console\/login/);
    await logOn(secondPage, op.email, op.password, "/console/login");
    await expect(formAlert(secondPage)).toHaveText("Incorrect email address or password.");
    await logOn(secondPage, op.email, "Sky#Operator2027", "/console/login");
    await expect(secondPage).toHaveURL(/\/console$/);
    await second.close();

    await page.getByRole("button", { name: "Log Off" }).click();
    await expect(page).toHaveURL(/\/console\/login\?notice=signed-out/);
  });
});
