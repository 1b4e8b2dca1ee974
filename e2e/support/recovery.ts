import { expect, type Page } from "@playwright/test";
import { latestCode, submit } from "./fixtures";
import { registerSecret } from "./secrets";

/** Helpers of e2e/mail/forgot-password*.spec.ts: the article's Scenario 2, step by step. */
export const SMS_METHOD = "Receive an SMS verification code on your secure mobile";
export const NOT_AVAILABLE =
  "Self-service reset is not available for this account. Contact your email administrator (postmaster). If you are the postmaster, contact the cloud operator who manages your domain.";

const SHOTS = process.env.E2E_SCREENSHOTS; // a directory: save screenshots of each step there

export async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/forgot-password-${name}.png`, fullPage: true });
}

/** The wizard's progress indicator says which step is current. */
export async function expectStep(page: Page, label: "Account" | "Verify identity" | "Set a new password" | "Done"): Promise<void> {
  await expect(page.getByRole("navigation", { name: "Progress" }).locator('[aria-current="step"]')).toContainText(label);
}

/** "click Forgot Password on the logon page" */
export async function openFromLogon(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot Password" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole("heading", { name: "Forgot Password" })).toBeVisible();
  await expectStep(page, "Account");
}

/** "Enter the email address and image verification code, and then click Next." */
export async function enterAccount(page: Page, address: string, imageCode = "PASSED"): Promise<void> {
  await imageLoaded(page);
  await page.getByLabel("Email address").fill(address);
  await page.getByRole("textbox", { name: "Image verification code" }).fill(imageCode);
  await submit(page, "Next");
}

/** The image's response sets the challenge cookie: a form sent before it arrives has no challenge. */
export async function imageLoaded(page: Page): Promise<void> {
  const image = page.locator('img[src^="/captcha"]');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
}

/** Chooses the SMS method and sends a code; returns the code read from the Twilio stub. */
export async function sendSmsCode(page: Page, mobile: string): Promise<string> {
  await page.getByRole("radio", { name: SMS_METHOD }).check();
  const after = Date.now();
  await submit(page, "Send code");
  await expect(page.getByLabel("SMS verification code", { exact: true })).toBeVisible();
  return latestCode(mobile, after);
}

export async function enterSmsCode(page: Page, code: string): Promise<void> {
  await page.getByLabel("SMS verification code", { exact: true }).fill(code);
  await submit(page, "Next");
}

/** "Set a new password." then "Reset succeeded." */
export async function setNewPassword(page: Page, password: string): Promise<void> {
  registerSecret("passwords", password);
  await expectStep(page, "Set a new password");
  await page.getByLabel("New password").fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await submit(page, "Submit");
  await expect(page.getByRole("heading", { name: "Reset succeeded" })).toBeVisible();
  await expectStep(page, "Done");
}

let mobiles = 0;

/**
 * A number no other test uses, so the stub's messages to it are this test's
 * only. A valid North American number: its exchange (the 3 digits after the
 * area code) never starts with 0 or 1, else the number is refused as invalid.
 */
export function uniqueMobile(): string {
  const n = Date.now() * 10 + (mobiles++ % 10);
  const mobile = `+1628${2 + (Math.floor(n / 1_000_000) % 8)}${String(n % 1_000_000).padStart(6, "0")}`;
  registerSecret("phones", mobile);
  return mobile;
}

/**
 * Test cleanup for the demo accounts (alice, carol) that other spec files log
 * on to with their seed passwords and methods: remembers the password hash,
 * the history, the secure mobile, the backup address and the security questions before the test
 * and puts them back afterwards, directly in the database.
 */
export async function keepSeedAccount(address: string): Promise<() => Promise<void>> {
  const { getDb } = await import("@/server/db");
  const db = getDb();
  const before = await db.mailAccount.findUniqueOrThrow({ where: { address }, omit: { passwordHash: false } });
  const history = await db.passwordHistory.findMany({ where: { mailAccountId: before.id }, select: { id: true } });
  const questions = await db.securityQuestion.findMany({ where: { accountId: before.id }, omit: { answerHash: false } });
  return async () => {
    await db.$transaction([
      db.passwordHistory.deleteMany({ where: { mailAccountId: before.id, id: { notIn: history.map((h) => h.id) } } }),
      db.securityQuestion.deleteMany({ where: { accountId: before.id } }),
      db.securityQuestion.createMany({ data: questions }),
      db.mailAccount.update({
        where: { id: before.id },
        data: {
          passwordHash: before.passwordHash,
          passwordChangedAt: before.passwordChangedAt,
          mustChangePassword: false,
          status: before.status,
          secureMobile: before.secureMobile,
          secureMobileVerifiedAt: before.secureMobileVerifiedAt,
          backupEmail: before.backupEmail,
          backupEmailVerifiedAt: before.backupEmailVerifiedAt,
        },
      }),
    ]);
  };
}

/**
 * Test plumbing for specs that start many flows or draw many images from this one machine: the
 * per-IP caps (images a minute, recovery starts and codes an hour) count every spec's requests
 * from 127.0.0.1, so a spec that spends many clears them after itself for the specs that follow.
 */
export async function clearIpLimits(): Promise<void> {
  const { getDb } = await import("@/server/db");
  const prefixes = ["captchaByIp:", "recoveryStartsByIp:", "recoveryCodesByIp:"];
  await getDb().rateLimit.deleteMany({ where: { OR: prefixes.map((p) => ({ key: { startsWith: p } })) } });
}
