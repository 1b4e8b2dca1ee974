import type { Browser, Locator, Page } from "@playwright/test";
import { shot } from "../support/admin";
import { createConsoleOperator, domainIdOf } from "../support/console";
import { createEmployee, expect, formAlert, logOn, submit, test } from "../support/fixtures";
import { enText, zhText } from "../support/i18n";
import { registerSecret } from "../support/secrets";
import { openSession } from "../support/sessions";

// Password profiles (SECURITY.md "Passwords"): Security > Password Policy's profile form and its
// NIST SP 800-63B-4 table, every password form following the domain's profile, and the breach
// screening at logon, in a real browser. Each test has a domain of its own (a throwaway operator,
// domain and postmaster, createConsoleOperator): a profile is a domain's, and example.com's must stay
// the article's for the other specs of the run, which set 8-character passwords there.

const PROFILE = { article: "Alibaba Mail (article)", nist: "NIST SP 800-63B-4", custom: "Custom" } as const;
const SAVE_PROFILE = "Save password profile";
/** The fresh domain's first passwords: they meet the article's profile and NIST's alike (15+ characters). */
const FIRST_PASSWORD = "Tall#Forest#Cedar2026";
/** A passphrase NIST's profile takes: 15+ characters, spaces, lower-case letters only. */
const PASSPHRASE = "violet kites drift above quiet fields";
/** Listed by the run's Pwned Passwords range stub (tests/support/pwned-range-stub.ts E2E_BREACHED_PASSWORDS). */
const LISTED_PASSPHRASE = "correct horse battery staple";
const LISTED_PASSWORD = "Tr0ub4dor&3xyz!";

const BREACHED = enText("Password.violations.breached");
const COMMON_VARIANT = enText("Password.violations.commonVariants");

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A domain of its own (the article's profile, as every new domain) with its postmaster. */
async function freshDomain() {
  const { domain } = await createConsoleOperator();
  return domain;
}

/** An employee of `domainId` (created under the domain's profile, as every account is). */
async function employeeOf(domainId: string, password = FIRST_PASSWORD) {
  const { createMailAccount } = await import("@/server/accounts/create-mail-account");
  const local = `pp${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const created = await createMailAccount({ domainId, localPart: local, displayName: `Profile ${local}`, password });
  if (!created.ok) throw new Error(`cannot create ${local}: ${created.error}`);
  registerSecret("passwords", password);
  return { id: created.id, address: created.address, name: `Profile ${local}`, password };
}

/**
 * TEST SET-UP, NOT PRODUCT BEHAVIOUR: a password no form would take (a breached one), written
 * straight to the account with the app's own hashing (argon2id of the NFKC form), never screened.
 */
async function setPasswordInDatabase(accountId: string, password: string): Promise<void> {
  const { getDb } = await import("@/server/db");
  const { hashPassword } = await import("@/server/security/password-hash");
  registerSecret("passwords", password);
  await getDb().mailAccount.update({
    where: { id: accountId },
    data: { passwordHash: await hashPassword(password), passwordChangedAt: new Date(), passwordScreenedAt: null },
  });
}

async function domainProfile(domainId: string) {
  const { getDb } = await import("@/server/db");
  return getDb().domain.findUniqueOrThrow({ where: { id: domainId }, select: { passwordProfile: true, customPasswordPolicy: true } });
}

async function setDomainProfile(domainId: string, passwordProfile: "ARTICLE" | "NIST"): Promise<void> {
  const { getDb } = await import("@/server/db");
  await getDb().domain.update({ where: { id: domainId }, data: { passwordProfile } });
}

/** The messages under a field: the element its aria-describedby names "…-err" (ui.tsx FieldErrors). */
async function errorsBeside(field: Locator): Promise<Locator> {
  const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(/\s+/);
  const id = ids.find((i) => i.endsWith("-err"));
  if (!id) throw new Error("the field names no messages (no aria-describedby …-err)");
  return field.page().locator(`[id="${id}"]`);
}

/** A new password refused: its message is beside the New password field (and described by it). */
async function expectRefusedBesideNewPassword(page: Page, message: string): Promise<void> {
  const field = page.getByLabel("New password");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(await errorsBeside(field)).toContainText(message);
  await expect(field).toHaveAccessibleDescription(new RegExp(escape(message)));
}

async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password").fill(next);
  await page.getByLabel("Confirm password").fill(next);
  await submit(page, "Save");
}

/** A profile's radio by the start of its name; `inUse`: the name says it is the profile in force ("(In use)"). */
const profileRadio = (page: Page, name: string, inUse = false) =>
  page.getByRole("radio", { name: new RegExp(`^${escape(name)}${inUse ? ` [(（](In use|使用中)[)）]` : "(?! [(（])"}`) });
const nistRow = (page: Page, rule: string) => page.locator(`tr[data-rule="${rule}"]`);

/** A second browser signed in as `login` (the postmaster beside the employee, or another language or no JavaScript). */
async function signedInContext(browser: Browser, login: string, options: Parameters<Browser["newContext"]>[0] = {}) {
  const context = await browser.newContext(options);
  await openSession(context, "mail", login);
  return { context, page: await context.newPage() };
}

test.describe("Password profiles (Security > Password Policy)", () => {
  test("NIST SP 800-63B-4 chosen in the UI: the table meets it, passphrases are taken, common and breached ones refused; the article's domains still refuse spaces", async ({
    page,
    browser,
  }) => {
    const domain = await freshDomain();
    const alice = await employeeOf(domain.id);
    const pm = await signedInContext(browser, domain.postmaster.address);
    await pm.page.goto("/admin/password-policy");
    await expect(pm.page.getByRole("heading", { level: 1, name: "Password Policy" })).toBeVisible();

    // Every domain starts with the article's profile: the table says where it breaks NIST.
    await expect(profileRadio(pm.page, PROFILE.article, true)).toBeChecked();
    for (const rule of ["minLength", "characters", "composition"])
      await expect(nistRow(pm.page, rule)).toHaveAttribute("data-verdict", "breaks");
    await expect(nistRow(pm.page, "minLength")).toContainText("At least 8 characters");
    await expect(pm.page.locator("[data-policy-statement]")).toContainText("8 to 64 characters");
    await shot(pm.page, "password-policy-article");

    await profileRadio(pm.page, PROFILE.nist).check();
    await submit(pm.page, SAVE_PROFILE);
    await expect(pm.page.getByRole("status").filter({ hasText: "The password profile is now" })).toHaveText(
      `The password profile is now ${PROFILE.nist}.`,
    );
    // "(In use)" moves with the save (the radio ticked after it: see "after a save or a refusal" below).
    await expect(profileRadio(pm.page, PROFILE.nist, true)).toBeVisible();
    await expect(profileRadio(pm.page, PROFILE.article)).toBeVisible();
    // No rule of length or composition breaks the standard any more (nor any other, with security questions off).
    for (const rule of ["minLength", "maxLength", "characters", "composition"])
      await expect(nistRow(pm.page, rule)).toHaveAttribute("data-verdict", "meets");
    await expect(nistRow(pm.page, "minLength")).toContainText("At least 15 characters");
    await expect(nistRow(pm.page, "composition")).toContainText("No character-type rule");
    await expect(pm.page.locator('tr[data-verdict="breaks"]')).toHaveCount(0);
    expect((await domainProfile(domain.id)).passwordProfile).toBe("NIST");
    await pm.page.reload();
    await expect(profileRadio(pm.page, PROFILE.nist, true)).toBeChecked();
    await shot(pm.page, "password-policy-nist");
    await pm.context.close();

    // The employee's Change Password follows the domain's profile.
    await logOn(page, alice.address, alice.password);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto("/account/change-password");
    await expect(page.getByText(/Use a passphrase of 15 to 64 characters/)).toBeVisible();
    const checklist = page.getByRole("list", { name: "Password requirements" });
    await expect(checklist).toContainText("15 to 64 characters");
    await expect(checklist).toContainText("Spaces and letters of any language are welcome");
    await expect(checklist).not.toContainText("uppercase, lowercase, numbers, special characters");
    await expect(checklist.getByRole("listitem").last()).toHaveText(/^•?\s*Not found in a data breach \(checked when you save\)/);

    // A common password with digits added: refused beside the field, though 15 characters long.
    await changePassword(page, alice.password, "Password1234567");
    await expectRefusedBesideNewPassword(page, COMMON_VARIANT);
    // Listed by the breach screening (the range stub): refused with the breach message.
    await changePassword(page, alice.password, LISTED_PASSPHRASE);
    await expectRefusedBesideNewPassword(page, BREACHED);
    await expect(page).toHaveURL(/\/account\/change-password$/);

    // A passphrase with spaces and no digits is taken, and logs on.
    await changePassword(page, alice.password, PASSPHRASE);
    await expect(page).toHaveURL(/\/account\?changed=1/);
    await expect(page.getByText("Your password was changed.")).toBeVisible();
    await page.getByRole("button", { name: "Log Off" }).click();
    await expect(page).toHaveURL(/\/login/);
    await logOn(page, alice.address, alice.password);
    await expect(formAlert(page)).toHaveText("Incorrect email address or password.");
    await logOn(page, alice.address, PASSPHRASE);
    await expect(page).toHaveURL(/\/account$/);

    // example.com keeps the article's profile (the seed's): the same passphrase is refused there.
    expect((await domainProfile(await domainIdOf("example.com"))).passwordProfile).toBe("ARTICLE");
    const seedEmployee = await createEmployee();
    const other = await signedInContext(browser, seedEmployee.address);
    await other.page.goto("/account/change-password");
    await expect(other.page.getByText(/The password can be 8 to 64 characters in length/)).toBeVisible();
    await changePassword(other.page, seedEmployee.password, PASSPHRASE);
    await expectRefusedBesideNewPassword(other.page, enText("Password.violations.charset"));
    await expect(other.page).toHaveURL(/\/account\/change-password$/);
    await other.context.close();
  });

  test("Custom with a minimum length of 7: the message beside the field, and nothing saved", async ({ page }) => {
    const domain = await freshDomain();
    const before = await domainProfile(domain.id);
    await openSession(page.context(), "mail", domain.postmaster.address);
    await page.goto("/admin/password-policy");
    const minLength = page.getByLabel("Minimum length");
    // With JavaScript the custom settings show only while Custom is chosen.
    await expect(minLength).toBeHidden();
    await profileRadio(page, PROFILE.custom).check();
    await expect(minLength).toBeVisible();
    await minLength.fill("7");
    await submit(page, SAVE_PROFILE);

    await expect(minLength).toHaveAttribute("aria-invalid", "true");
    await expect(await errorsBeside(minLength)).toHaveText("Enter a whole number from 8 to 64.");
    await expect(page.getByText(/The password profile is now/)).toHaveCount(0);
    // The other settings were fine: no message beside them.
    await expect(page.getByLabel("Maximum length")).not.toHaveAttribute("aria-invalid", "true");
    await shot(page, "password-policy-custom-refused");

    expect(await domainProfile(domain.id)).toEqual(before);
    await page.reload();
    await expect(profileRadio(page, PROFILE.article, true)).toBeChecked();
    await expect(profileRadio(page, PROFILE.custom)).not.toBeChecked();
    await expect(nistRow(page, "minLength")).toContainText("At least 8 characters");
  });

  // React resets a form after its action (requestFormReset): the form's fields are drawn anew from what was
  // saved, or what a refused attempt sent, so the radio ticked is never a stale one (a second Save would send it).
  test("after a save or a refusal, the radio ticked is still the profile sent; the recovery boxes keep what was saved", async ({
    page,
  }) => {
    const domain = await freshDomain();
    await openSession(page.context(), "mail", domain.postmaster.address);
    await page.goto("/admin/password-policy");
    await profileRadio(page, PROFILE.nist).check();
    await submit(page, SAVE_PROFILE);
    await expect(profileRadio(page, PROFILE.nist, true)).toBeVisible();
    expect.soft(await profileRadio(page, PROFILE.nist, true).isChecked(), "NIST ticked after it was saved").toBe(true);

    await profileRadio(page, PROFILE.custom).check();
    await page.getByLabel("Minimum length").fill("7");
    await submit(page, SAVE_PROFILE);
    await expect(await errorsBeside(page.getByLabel("Minimum length"))).toHaveText("Enter a whole number from 8 to 64.");
    expect.soft(await profileRadio(page, PROFILE.custom).isChecked(), "Custom ticked after its refusal").toBe(true);

    // The same page's Self-service recovery boxes: unticked, saved, still unticked (and so in the database).
    const sms = page.getByRole("checkbox", { name: /Allow SMS verification/ });
    await sms.uncheck();
    await submit(page, "Save");
    await expect(page.getByText("The recovery settings were saved.")).toBeVisible();
    await expect(sms).not.toBeChecked();
    const { getDb } = await import("@/server/db");
    expect((await getDb().domain.findUniqueOrThrow({ where: { id: domain.id } })).allowSmsRecovery).toBe(false);
  });

  test("breached at logon: Change Password says why, Employee Accounts shows the reason, a new password reaches the mailbox", async ({
    page,
    browser,
  }) => {
    const domain = await freshDomain();
    const emp = await employeeOf(domain.id);
    // The UI refuses a breached password: it is set behind its back, as a password set before the screening would be.
    await setPasswordInDatabase(emp.id, LISTED_PASSWORD);
    const { getDb } = await import("@/server/db");
    const since = new Date();

    await logOn(page, emp.address, LISTED_PASSWORD);
    await expect(page).toHaveURL(/\/account\/change-password$/);
    await expect(page.getByRole("heading", { level: 1, name: "Change Password" })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText(enText("Account.changePassword.reasons.BREACHED"));
    // Nothing else is open until it is changed.
    await page.goto("/account");
    await expect(page).toHaveURL(/\/account\/change-password$/);
    await shot(page, "change-password-breached");
    const marked = await getDb().mailAccount.findUniqueOrThrow({
      where: { id: emp.id },
      select: { mustChangePassword: true, mustChangeReason: true },
    });
    expect(marked).toEqual({ mustChangePassword: true, mustChangeReason: "BREACHED" });
    const forced = await getDb().auditEvent.findMany({
      where: { action: "password.change_forced", targetId: emp.id, createdAt: { gte: since } },
    });
    expect(forced.map((e) => e.detail)).toEqual([expect.objectContaining({ reason: "breached" })]);
    expect(JSON.stringify(forced)).not.toContain(LISTED_PASSWORD);

    // The postmaster's Employee Accounts, status "Must change password": the account and why.
    const pm = await signedInContext(browser, domain.postmaster.address);
    await pm.page.goto("/admin/accounts");
    await pm.page.getByLabel("Status").selectOption({ label: "Must change password" });
    await pm.page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(pm.page).toHaveURL(/status=must_change/);
    const rows = pm.page.getByRole("table").locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(emp.address);
    await expect(rows.first().locator(".badge-amber")).toHaveText("Must change");
    await expect(rows.first()).toContainText("found in a data breach");
    await shot(pm.page, "accounts-must-change-breached");

    // The employee chooses a new password: the mailbox (Account Security) is open again.
    await changePassword(page, LISTED_PASSWORD, "Quiet#Lantern#Meadow27");
    await expect(page).toHaveURL(/\/account\?changed=1/);
    await expect(page.getByRole("heading", { level: 1, name: "Account Security" })).toBeVisible();
    expect(await getDb().mailAccount.findUniqueOrThrow({ where: { id: emp.id }, select: { mustChangePassword: true } })).toEqual({
      mustChangePassword: false,
    });
    await pm.page.reload();
    await expect(rows).toHaveCount(0);
    await pm.context.close();
  });

  test("without JavaScript: the profile form (custom settings shown, NIST chosen and saved) and Change Password's rules in words", async ({
    browser,
  }) => {
    const domain = await freshDomain();
    const emp = await employeeOf(domain.id);
    const pm = await signedInContext(browser, domain.postmaster.address, { javaScriptEnabled: false });
    await pm.page.goto("/admin/password-policy");
    // Every custom setting is on the page (the server reads them only with Custom chosen).
    for (const label of [
      "Minimum length",
      "Maximum length",
      "Kinds of characters required",
      "Earlier passwords that cannot be reused",
      "Password expires after (days)",
    ])
      await expect(pm.page.getByLabel(label)).toBeVisible();
    await expect(pm.page.getByLabel(/^Allow spaces and letters of any language/)).toBeVisible();
    await profileRadio(pm.page, PROFILE.nist).check();
    await Promise.all([pm.page.waitForEvent("load"), pm.page.getByRole("button", { name: SAVE_PROFILE }).click()]);
    await expect(pm.page.getByText(`The password profile is now ${PROFILE.nist}.`)).toBeVisible();
    expect((await domainProfile(domain.id)).passwordProfile).toBe("NIST");
    await pm.page.goto("/admin/password-policy");
    await expect(profileRadio(pm.page, PROFILE.nist, true)).toBeChecked();
    await expect(nistRow(pm.page, "minLength")).toHaveAttribute("data-verdict", "meets");
    await pm.context.close();

    const mail = await signedInContext(browser, emp.address, { javaScriptEnabled: false });
    await mail.page.goto("/account/change-password");
    // Nothing is judged without JavaScript: the checklist is the profile's rules in words, each unmarked.
    const checklist = mail.page.getByRole("list", { name: "Password requirements" });
    await expect(checklist.getByRole("listitem")).toHaveText([
      /15 to 64 characters/,
      /Spaces and letters of any language are welcome/,
      /Not your email address, the domain's name or a weak-password keyword/,
      /Not a common password, nor one with numbers or symbols added/,
      /Not found in a data breach \(checked when you save\)/,
    ]);
    await expect(checklist).not.toContainText("✓");
    await expect(checklist).not.toContainText("✗");
    // And the plain form takes a passphrase.
    await mail.page.getByLabel("Current password").fill(emp.password);
    await mail.page.getByLabel("New password").fill(PASSPHRASE);
    await mail.page.getByLabel("Confirm password").fill(PASSPHRASE);
    await Promise.all([mail.page.waitForEvent("load"), mail.page.getByRole("button", { name: "Save", exact: true }).click()]);
    await expect(mail.page).toHaveURL(/\/account\?changed=1/);
    await mail.context.close();
  });

  test("in Chinese: the profiles' names and the NIST table", async ({ browser }) => {
    const domain = await freshDomain();
    await setDomainProfile(domain.id, "NIST");
    // The new postmaster has no stored language: the page follows the browser's.
    const pm = await signedInContext(browser, domain.postmaster.address, { locale: "zh-CN" });
    await pm.page.goto("/admin/password-policy");
    await expect(pm.page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(pm.page.getByRole("heading", { level: 2, name: zhText("Admin.policy.profileCard") })).toBeVisible();
    await expect(profileRadio(pm.page, "阿里邮箱（帮助文档）")).not.toBeChecked();
    await expect(profileRadio(pm.page, "NIST SP 800-63B-4", true)).toBeChecked();
    await expect(profileRadio(pm.page, "自定义")).toBeVisible();
    await expect(pm.page.getByRole("button", { name: "保存密码策略方案" })).toBeVisible();

    await expect(pm.page.getByRole("heading", { level: 2, name: "规则与 NIST SP 800-63B-4" })).toBeVisible();
    const table = pm.page.getByRole("table").filter({ has: pm.page.locator("tr[data-rule]") });
    await expect(table.getByRole("columnheader")).toHaveText(
      ["Admin.policy.nistColumns.rule", "Admin.policy.nistColumns.clause", "Admin.policy.nistColumns.verdict"].map((k) => zhText(k)),
    );
    await expect(nistRow(pm.page, "minLength")).toContainText("至少 15 个字符");
    await expect(nistRow(pm.page, "minLength")).toContainText(zhText("Admin.policy.nist.minLength.clause", { single: 15, multi: 8 }));
    await expect(nistRow(pm.page, "composition")).toContainText("不限制字符种类");
    await expect(nistRow(pm.page, "expiry")).toContainText("永不过期");
    await expect(nistRow(pm.page, "minLength").getByText("符合", { exact: true })).toBeVisible();
    // No English left in the table's words (the standard's name and "NFKC", "argon2id" aside).
    const words = (await table.innerText()).replace(/NIST|SP 800-63B-4|NFKC|NFKD|Unicode|ASCII|argon2id|SHALL( NOT)?|SHOULD|§[\d.]+/g, "");
    expect(words).not.toMatch(/[A-Za-z]{3,}/);
    await shot(pm.page, "password-policy-nist-zh");
    await pm.context.close();
  });
});
