import { maskPhone } from "@/lib/phone";
import { BASE_URL } from "../support/e2e-env";
import { domainIdOf, logOnConsole, OPS2 } from "../support/console";
import { expect, latestCode, logOnWithSmsCode, test } from "../support/fixtures";
import { keepSeedAccount, uniqueMobile } from "../support/recovery";
import { DEMO } from "../../tests/support/demo-accounts";

/**
 * Email Console > Email Services > Manage > Reset Secure Mobile, as the
 * operator of example.org does it for postmaster@example.org, whose phone is
 * gone: the new number and the console password, then the code the new
 * phone received (read from the Twilio stub), Submit; then the postmaster
 * logs on with its password and a code sent to the new number.
 */
const PM = DEMO.orgPostmaster.email;

test.describe.configure({ mode: "serial" });

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("the operator binds a new secure mobile for the postmaster, who then logs on with a code sent to it", async ({
      page,
      browser,
    }) => {
      const restore = await keepSeedAccount(PM);
      try {
        const mobile = uniqueMobile();
        await logOnConsole(page, OPS2);
        await page.goto(`/console/domains/${await domainIdOf("example.org")}`);
        await page.getByRole("link", { name: "Reset Secure Mobile" }).click();
        await expect(page.getByRole("heading", { level: 1, name: "Reset Secure Mobile" })).toBeVisible();

        await page.getByLabel("Country or region").selectOption("US");
        await page.getByLabel("Mobile number").fill(mobile);
        await page.getByLabel("Console password").fill(OPS2.password);
        const sentAfter = Date.now();
        await page.getByRole("button", { name: "Send verification code" }).click();
        await expect(page.getByText(`was sent to ${maskPhone(mobile)}`)).toBeVisible();

        await page.getByLabel("SMS verification code").fill("000000");
        await page.getByRole("button", { name: "Submit" }).click();
        await expect(page.getByText(/The code is not correct\. 4 tries left\./)).toBeVisible();

        await page.getByLabel("SMS verification code").fill(await latestCode(mobile, sentAfter));
        await page.getByRole("button", { name: "Submit" }).click();
        await expect(page.getByText("The postmaster's secure mobile was reset.")).toBeVisible();
        await expect(page.getByText(maskPhone(mobile))).toBeVisible();
        const { getDb } = await import("@/server/db");
        expect(await getDb().mailAccount.findUniqueOrThrow({ where: { address: PM } })).toMatchObject({ secureMobile: mobile });

        // The postmaster, on its own browser, logs on with a code sent to the new number.
        const postmaster = await browser.newPage({ javaScriptEnabled, baseURL: BASE_URL });
        try {
          await logOnWithSmsCode(postmaster, PM, DEMO.postmaster.password, mobile);
          await expect(postmaster).toHaveURL(/\/admin/);
        } finally {
          await postmaster.close();
        }
      } finally {
        await restore();
      }
    });
  });
}
