import { startApp, type AppProcess } from "../support/app-process";
import { E2E_PORT, e2eDatabaseUrl, twilioStubEnv } from "../support/e2e-env";
import { expect, logOn, submit, test } from "../support/fixtures";
import { enterAccount, expectStep, keepSeedAccount, setNewPassword, SMS_METHOD } from "../support/recovery";
import { mailRecordFile } from "../support/secrets";
import { startSmtpServer, type TestSmtpServer } from "../../tests/support/smtp-server";
import { DEMO } from "../../tests/support/demo-accounts";

/**
 * The backup email method (ADR 0008) as erin does it, on an instance that sends real mail: it runs
 * with EMAIL_PROVIDER=smtp against an SMTP server started here, and every
 * code is read back from that server. Erin binds a backup address on
 * Account Security, forgets her password, and resets it with the code
 * mailed there, with and without JavaScript.
 */
const PORT = E2E_PORT + 7;
const ERIN = { address: DEMO.erin.email, password: DEMO.erin.password };
const EMAIL_METHOD = "Receive a verification code at your backup email address";

let smtp: TestSmtpServer;
let app: AppProcess;

test.beforeAll(async () => {
  smtp = await startSmtpServer(0, { recordFile: mailRecordFile("smtp-mail") });
  app = await startApp({
    name: "smtp-mail",
    port: PORT,
    env: {
      DATABASE_URL: e2eDatabaseUrl(),
      APP_ENV: "test",
      APP_URL: `http://localhost:${PORT}`,
      CAPTCHA_TEST_MODE: "1",
      EMAIL_PROVIDER: "smtp",
      SMTP_URL: smtp.url,
      EMAIL_FROM: "Postkey <no-reply@mail.example.com>",
      ...twilioStubEnv(),
    },
  });
});
test.afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

/** The code in the newest message the SMTP server took for `to`, once it arrives. */
async function mailedCode(to: string, after: number): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(() => {
      code = smtp.messages
        .slice(after)
        .findLast((m) => m.to.includes(to))
        ?.text.match(/\b(\d{6})\b/)?.[1];
      return code;
    })
    .toBeTruthy();
  return code as string;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    let restore: () => Promise<void>;
    test.beforeEach(async () => {
      restore = await keepSeedAccount(ERIN.address);
    });
    test.afterEach(async () => restore());

    test("erin binds a backup address and resets her password with the code read from the SMTP server", async ({ page }) => {
      const backup = `erin.${Date.now().toString(36)}@gmail.example`;
      const masked = `e•••@g•••.example`;
      await logOn(page, ERIN.address, ERIN.password, `${app.url}/login`);
      await expect(page).toHaveURL(/\/account$/);
      await page.goto(`${app.url}/account`);
      const card = page.locator("section", { has: page.getByRole("heading", { name: "Backup email address" }) }).first();
      await page.getByLabel("Backup email address").fill(backup);
      await card.getByLabel("Current password").fill(ERIN.password);
      let seen = smtp.messages.length;
      await card.getByRole("button", { name: "Email the code" }).click();
      await expect(page.getByText(`We emailed a 6-digit code to ${masked}.`)).toBeVisible();
      await page.getByLabel("Email verification code").fill(await mailedCode(backup, seen));
      await page.getByRole("button", { name: "Verify the address" }).click();
      await expect(page.getByText("The backup email address is bound.")).toBeVisible();
      await page.context().clearCookies();

      // Forgot Password: the third method names the masked address.
      await page.goto(`${app.url}/login`);
      await page.getByRole("link", { name: "Forgot Password" }).click();
      await enterAccount(page, ERIN.address);
      await expectStep(page, "Verify identity");
      await expect(page.getByRole("radio", { name: SMS_METHOD })).toBeVisible();
      const method = page.getByRole("radio", { name: EMAIL_METHOD });
      await expect(page.getByText(masked)).toBeVisible();
      await expect(page.getByText(backup)).toHaveCount(0);
      await method.check();
      if (!javaScriptEnabled) await submit(page, "Continue");
      await expect(page.getByText(`We will email a 6-digit code to ${masked}.`)).toBeVisible();
      seen = smtp.messages.length;
      await submit(page, "Send code");
      await expect(page.getByText(new RegExp(`We emailed a verification code to ${masked}\\. It expires in 5 minutes\\.`))).toBeVisible();
      await page.getByLabel("Email verification code", { exact: true }).fill(await mailedCode(backup, seen));
      const mail = smtp.messages.slice(seen).find((m) => m.to.includes(backup));
      expect(mail?.subject).toBe("Your Postkey verification code");
      await submit(page, "Next");
      await setNewPassword(page, "Quiet#Meadow2027");

      await logOn(page, ERIN.address, "Quiet#Meadow2027", `${app.url}/login`);
      await expect(page).toHaveURL(/\/account$/);
      // The reset is also told at the backup address.
      await expect.poll(() => smtp.messages.filter((m) => m.to.includes(backup)).length).toBe(3);
    });
  });
}
