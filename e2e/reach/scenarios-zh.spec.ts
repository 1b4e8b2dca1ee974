import type { Page } from "@playwright/test";
import { accountId, POSTMASTER } from "../support/admin";
import { expectNoAxeViolations as axe } from "../support/a11y";
import { forgetOperatorLocale, OPS, restoreMailPassword } from "../support/console";
import { createEmployee, expect, latestCode, stubMessages, test } from "../support/fixtures";
import { zhText } from "../support/i18n";
import { imageLoaded, uniqueMobile } from "../support/recovery";

// The help article's three scenarios followed in 简体中文: a person reading the
// Chinese article finds each of its words on screen. Every step is also
// checked with axe (WCAG 2.x A/AA) in Chinese.
test.use({ locale: "zh-CN" });

const progress = (page: Page) => page.getByRole("navigation", { name: "进度" }).locator('[aria-current="step"]');

test.describe("三个场景（简体中文）", () => {
  test("场景一：管理员在域管理中重置员工密码（组织与用户 > 员工帐号管理 > 姓名 > 编辑帐号 > 重置密码 > 保存）", async ({
    page,
    signIn,
  }) => {
    const mobile = uniqueMobile();
    const emp = await createEmployee({ name: "Aaron 中文测试", mobile });
    await signIn(POSTMASTER.email, { path: "/admin" });
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByText("域管理").first()).toBeVisible();

    const nav = page.getByRole("navigation", { name: zhText("Admin.nav.label") });
    await nav.getByRole("group", { name: "组织与用户" }).getByRole("link", { name: "员工帐号管理" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "员工帐号管理" })).toBeVisible();
    await axe(page, "员工帐号管理");
    // Other tests' accounts may push it to a later page: search for it first.
    await page.getByRole("searchbox", { name: zhText("Admin.accounts.search") }).fill(emp.address);
    await page.getByRole("searchbox", { name: zhText("Admin.accounts.search") }).press("Enter");
    await expect(page).toHaveURL(/q=/);
    const table = page.getByRole("table");
    await expect(table.getByRole("columnheader", { name: /^姓名/ })).toBeVisible();
    await table.getByRole("row").filter({ hasText: emp.address }).getByRole("link", { name: "Aaron 中文测试" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "编辑帐号" })).toBeVisible();
    await page.getByRole("button", { name: "重置密码" }).click();
    await expect(
      page.getByText(
        "密码长度8-64字符，须同时包含大写字母、小写字母、数字、特殊字符中的任意三种，密码不能包含邮箱帐号，密码不能是管理员设置的弱密码关键字",
      ),
    ).toBeVisible();
    await axe(page, "编辑帐号 > 重置密码");
    await page.getByLabel("密码", { exact: true }).fill("Quiet#Orchard2026");
    await page.getByLabel("确认密码", { exact: true }).fill("Quiet#Orchard2026");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await expect(page.getByText(zhText("Admin.account.notices.password-reset", { address: emp.address, mustChange: "yes" }))).toBeVisible();
    await axe(page, "编辑帐号 after 保存");
    // The employee has no stored language: the notice goes out in the language of the reset (Chinese).
    await expect.poll(async () => (await stubMessages(mobile)).map((m) => m.body).join("\n")).toContain(emp.address);
    expect((await stubMessages(mobile)).at(-1)?.body).toMatch(/[\u4e00-\u9fff]/);
  });

  test("场景二：员工通过忘记密码自行重置（邮箱帐号、图片验证码、下一步、通过安全手机接收短信验证码、获取验证码、短信验证码、设置新密码、重置成功）", async ({
    page,
  }) => {
    const mobile = uniqueMobile();
    const emp = await createEmployee({ mobile, answers: ["Paris", "Rex", "Blue"] });
    await page.goto("/login");
    await page.getByRole("link", { name: "忘记密码" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "忘记密码" })).toBeVisible();
    await axe(page, "忘记密码 step 1");

    await imageLoaded(page);
    await page.getByLabel("邮箱帐号").fill(emp.address);
    await page.getByRole("textbox", { name: "图片验证码" }).fill("PASSED");
    await page.getByRole("button", { name: "下一步" }).click();
    await expect(progress(page)).toContainText(zhText("Recovery.steps.verify"));
    await expect(page.getByRole("radio", { name: "密保问题" })).toBeVisible();
    await axe(page, "忘记密码 step 2");

    await page.getByRole("radio", { name: "通过安全手机接收短信验证码" }).check();
    const after = Date.now();
    await page.getByRole("button", { name: "获取验证码" }).click();
    await expect(page.getByLabel("短信验证码", { exact: true })).toBeVisible();
    const code = await latestCode(mobile, after);
    // The code SMS is in the language of the request for an account without a stored one.
    expect((await stubMessages(mobile)).at(-1)?.body).toMatch(/[\u4e00-\u9fff]/);
    await axe(page, "忘记密码 step 2, code sent");
    await page.getByLabel("短信验证码", { exact: true }).fill(code);
    await page.getByRole("button", { name: "下一步" }).click();

    await expect(progress(page)).toContainText("设置新密码");
    await axe(page, "忘记密码 step 3");
    await page.getByLabel(zhText("Password.newPassword"), { exact: true }).fill("Amber#Lantern2026");
    await page.getByLabel(zhText("Password.confirmPassword"), { exact: true }).fill("Amber#Lantern2026");
    await page.getByRole("button", { name: "提交" }).click();
    await expect(page.getByRole("heading", { name: "重置成功" })).toBeVisible();
    await axe(page, "忘记密码 step 4");
  });

  test.describe("场景三", () => {
    const startedAt = new Date();
    // Test clean-up: other specs log on as postmaster@example.com with its seed password.
    test.afterAll(async () => {
      await restoreMailPassword(POSTMASTER.email, POSTMASTER.password, startedAt);
      await forgetOperatorLocale(OPS.email);
    });

    test("场景三：云运营方在邮箱控制台重置管理员密码（邮箱控制台 > 邮箱列表 > 管理 > 重置密码 > 提交）", async ({ page }) => {
      // An operator that never chose a language (earlier specs logged it on in English, which it would keep).
      await forgetOperatorLocale(OPS.email);
      await page.goto("/console/login");
      await expect(page.getByRole("heading", { name: "邮箱控制台" })).toBeVisible();
      await axe(page, "邮箱控制台 logon");
      await page.getByLabel("邮箱帐号").fill(OPS.email);
      await page.getByLabel("密码", { exact: true }).fill(OPS.password);
      await page.getByRole("button", { name: zhText("Logon.submit") }).click();
      await expect(page).toHaveURL(/\/console$/);

      await page
        .getByRole("navigation", { name: zhText("Console.nav.label") })
        .getByRole("link", { name: "邮箱列表" })
        .click();
      await expect(page.getByRole("heading", { name: "邮箱列表" })).toBeVisible();
      await axe(page, "邮箱列表");
      await page.getByRole("row").filter({ hasText: "example.com" }).getByRole("link", { name: "管理" }).click();
      await expect(page.getByRole("heading", { name: "example.com" })).toBeVisible();
      await axe(page, "管理");
      await page.getByRole("link", { name: "重置密码" }).click();
      await expect(page.getByRole("heading", { name: "重置密码" })).toBeVisible();
      await axe(page, "重置密码");

      const pmId = await accountId(POSTMASTER.email);
      expect(pmId).toBeTruthy();
      await page.getByLabel(zhText("Password.newPassword"), { exact: true }).fill("Harbor#Lights2027");
      await page.getByLabel(zhText("Password.confirmPassword"), { exact: true }).fill("Harbor#Lights2027");
      await page.getByLabel(zhText("Console.reset.consolePassword"), { exact: true }).fill(OPS.password);
      await page.getByRole("button", { name: "提交" }).click();
      await expect(page.getByText(zhText("Console.domain.resetDone"))).toBeVisible();
      await axe(page, "管理 after 提交");
    });
  });
});
