import type { Page } from "@playwright/test";
import { createEmployee, expect, latestCode, submit, test } from "../support/fixtures";
import {
  clearIpLimits,
  enterAccount,
  expectStep,
  imageLoaded,
  NOT_AVAILABLE,
  openFromLogon,
  setNewPassword,
  shot,
  SMS_METHOD,
  uniqueMobile,
} from "../support/recovery";

/**
 * Two proofs for a two-step account (SECURITY.md "Second step and recovery strength") as an attacker would try it, through the browser: holding a
 * postmaster's phone (a SIM swap) no longer resets the domain's
 * administrator. An account that uses two-step logon proves itself twice,
 * by two different methods; one with fewer than two methods gets the answer
 * an unknown address gets. With and without JavaScript, and in Chinese.
 */
const EMAIL_METHOD = "Receive a verification code at your backup email address";

async function postmaster(opts: { backup: string | null }) {
  const mobile = uniqueMobile();
  const pm = await createEmployee({ mobile });
  const { getDb } = await import("@/server/db");
  await getDb().mailAccount.update({
    where: { id: pm.id },
    data: { role: "POSTMASTER", ...(opts.backup ? { backupEmail: opts.backup, backupEmailVerifiedAt: new Date() } : {}) },
  });
  return { ...pm, mobile };
}

/** The code of the newest recovery email to `to` (the e2e instance keeps its mail in the outbox table). */
async function mailedCode(to: string): Promise<string> {
  const { getDb } = await import("@/server/db");
  let code: string | undefined;
  await expect
    .poll(async () => {
      const m = await getDb().emailMessage.findFirst({ where: { to, purpose: "RECOVERY_CODE" }, orderBy: { createdAt: "desc" } });
      code = m?.body.match(/\b(\d{6})\b/)?.[1];
      return code;
    })
    .toBeTruthy();
  return code as string;
}

async function smsProof(page: Page, mobile: string) {
  await page.getByRole("radio", { name: SMS_METHOD }).check();
  if (!(await page.getByRole("button", { name: "Send code" }).isVisible())) await submit(page, "Continue");
  const after = Date.now();
  await submit(page, "Send code");
  const code = await latestCode(mobile, after);
  await page.getByLabel("SMS verification code", { exact: true }).fill(code);
  await submit(page, "Next");
}

test.afterEach(clearIpLimits);

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a SIM swap gets one proof and no further; the owner's backup email is the second", async ({ page }) => {
      const backup = `pm-${Date.now()}-${javaScriptEnabled ? "js" : "nojs"}@home.example.net`;
      const pm = await postmaster({ backup });
      await openFromLogon(page);
      await enterAccount(page, pm.address);
      await expectStep(page, "Verify identity");
      await expect(page.getByRole("heading", { name: /Proof 1 of 2/ })).toBeVisible();
      await expect(page.getByText("uses two-step logon: prove that it is yours with two different methods")).toBeVisible();
      if (javaScriptEnabled) await shot(page, "two-proofs-1-of-2");

      // The attacker holds the phone number: the SMS code passes, and that is all it does.
      await smsProof(page, pm.mobile);
      await expectStep(page, "Verify identity");
      await expect(page.getByRole("heading", { name: /Proof 2 of 2/ })).toBeVisible();
      await expect(page.getByText("The first proof passed (SMS code). Now prove it once more with a different method.")).toBeVisible();
      await expect(page.getByRole("radio", { name: SMS_METHOD })).toHaveCount(0);
      if (javaScriptEnabled) await shot(page, "two-proofs-2-of-2");
      // Asking for the SMS method by its address offers it no more: only the backup address is left.
      await page.goto("/forgot-password?method=SMS");
      await expectStep(page, "Verify identity");
      await expect(page.getByText(/We will send a 6-digit code to \+1/)).toHaveCount(0);
      await expect(page.getByText(/We will email a 6-digit code to/)).toBeVisible();

      // The owner has the backup address too.
      await page.getByRole("radio", { name: EMAIL_METHOD }).check();
      if (!(await page.getByRole("button", { name: "Send code" }).isVisible())) await submit(page, "Continue");
      await submit(page, "Send code");
      await page.getByLabel("Email verification code", { exact: true }).fill(await mailedCode(backup));
      await submit(page, "Next");
      await setNewPassword(page, "Lantern-Harbor-77x");
    });

    test("a postmaster with only a secure mobile gets the answer an unknown address gets", async ({ page }) => {
      const pm = await postmaster({ backup: null });
      await openFromLogon(page);
      await enterAccount(page, pm.address);
      await expect(page.getByText(NOT_AVAILABLE)).toBeVisible();
      await openFromLogon(page);
      await enterAccount(page, `nobody-${Date.now()}@example.com`);
      await expect(page.getByText(NOT_AVAILABLE)).toBeVisible();
    });
  });
}

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("the two proofs are worded in Chinese", async ({ page }) => {
    const pm = await postmaster({ backup: `pm-zh-${Date.now()}@home.example.net` });
    await page.goto("/forgot-password");
    await imageLoaded(page);
    await page.locator('input[name="email"]').fill(pm.address);
    await page.locator('input[name="captcha"]').fill("PASSED");
    await page.locator("main form button[type=submit]").last().click();
    await expect(page.getByText("第 1 次验证（共 2 次）")).toBeVisible();
    await expect(page.getByText("使用二次认证：请用两种不同的方式证明该帐号属于您。")).toBeVisible();
    await shot(page, "two-proofs-zh");
  });
});
