import type { Page } from "@playwright/test";
import { choose, logOnAsPostmaster, POSTMASTER, shot } from "../support/admin";
import { expect, test } from "../support/fixtures";
import { text } from "../support/i18n";
import { openSession } from "../support/sessions";

/**
 * Security > Recovery Readiness: the postmaster sees how many of example.com's active accounts could
 * reset their own password now, as getRecoveryReadiness counts them (read here, not written down: other
 * specs add accounts to the domain), by method and by department, each chart named and with its table,
 * and reaches exactly the accounts that cannot, on Employee Accounts. Without JavaScript, and in Chinese.
 */

type Locale = "en" | "zh-CN";

async function readiness() {
  const { getDb } = await import("@/server/db");
  const { resolvePostmaster } = await import("@/server/admin/postmaster");
  const { getRecoveryReadiness } = await import("@/server/admin/get-recovery-readiness");
  const pm = await getDb().mailAccount.findUniqueOrThrow({ where: { address: POSTMASTER.email }, select: { id: true } });
  const caller = await resolvePostmaster(pm.id, "e2e", { ip: "127.0.0.1", userAgent: "Playwright e2e" });
  if (!caller.ok) throw new Error("the demo postmaster is not one");
  return getRecoveryReadiness({ postmaster: caller.postmaster });
}

const percent = (locale: Locale, part: number, whole: number) =>
  new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0, roundingMode: "floor" }).format(whole ? part / whole : 0);

/** The page shows the figures the server counts now (reloaded until both agree: a concurrent spec may add an account). */
async function expectRealFigures(page: Page, locale: Locale) {
  await expect(async () => {
    await page.reload();
    const r = await readiness();
    expect(r.total).toBeGreaterThan(0);
    await expect(page.locator("[data-readiness-headline]")).toContainText(
      text(locale, "Admin.readiness.headline", { ready: r.ready, total: r.total, share: percent(locale, r.ready, r.total) }),
      { timeout: 1000 },
    );
    await expect(page.locator("[data-not-ready]")).toContainText(text(locale, "Admin.readiness.notReady", { count: r.notReady }), {
      timeout: 1000,
    });
  }).toPass({ timeout: 20_000 });
}

/** Each chart is an image with its name, and its numbers are a table under "Show as table". */
async function expectChartsWithTables(page: Page, locale: Locale) {
  const r = await readiness();
  for (const [id, name] of [
    ["methods", "Admin.readiness.methodsChart"],
    ["departments", "Admin.readiness.departmentsChart"],
  ] as const) {
    await expect(page.getByRole("img", { name: text(locale, name) })).toBeVisible();
    const details = page.locator(`details[data-chart-table=${id}]`);
    await details.locator("summary", { hasText: text(locale, "Admin.readiness.showTable") }).click();
    const table = details.getByRole("table", { name: text(locale, name) });
    await expect(table).toBeVisible();
    await expect(table.locator("tbody tr")).toHaveCount(id === "methods" ? 5 : r.byDepartment.length);
  }
  // The secure mobile's row: its count and share, or the policy's word when the domain turned SMS off.
  const sms = page.locator("details[data-chart-table=methods] tbody tr").first();
  await expect(sms).toContainText(
    r.policy.allowSmsRecovery ? percent(locale, r.byMethod.sms, r.total) : text(locale, "Admin.readiness.turnedOff"),
  );
}

test.describe("Recovery Readiness", () => {
  test("the postmaster opens it, sees the real share, the charts with their tables, and the accounts that cannot reset", async ({
    page,
  }) => {
    await logOnAsPostmaster(page);
    await choose(page, "Security", "Recovery Readiness");
    await expect(page).toHaveURL(/\/admin\/readiness$/);
    await expectRealFigures(page, "en");
    await expectChartsWithTables(page, "en");
    await shot(page, "readiness-desktop");
    await page.setViewportSize({ width: 320, height: 800 });
    await shot(page, "readiness-320");
    await page.setViewportSize({ width: 1280, height: 800 });

    // The link lands on Employee Accounts filtered to exactly those accounts.
    await page.getByRole("link", { name: "List them in Employee Accounts" }).click();
    await expect(page).toHaveURL(/\/admin\/accounts\?recovery=not_ready$/);
    await expect(page.getByLabel("Recovery method")).toHaveValue("not_ready");
    await page.getByLabel("Per page").selectOption("500");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/size=500/);
    const { getDb } = await import("@/server/db");
    const { canSelfServe, findRecoveryAccount } = await import("@/server/recovery/internal/recovery-account");
    const domain = await getDb().domain.findUniqueOrThrow({ where: { name: "example.com" }, select: { id: true } });
    await expect(async () => {
      await page.reload();
      const expected: string[] = [];
      for (const a of await getDb().mailAccount.findMany({ where: { domainId: domain.id }, select: { id: true, address: true } })) {
        const row = await findRecoveryAccount({ id: a.id });
        if (row?.status === "ACTIVE" && !canSelfServe(row, { account: false, questions: false })) expected.push(a.address);
      }
      expect(expected.length).toBe((await readiness()).notReady);
      const shown = await page
        .locator('input[name="ids"]')
        .evaluateAll((boxes) => boxes.map((b) => b.closest("tr")?.querySelector("td.font-mono")?.textContent ?? ""));
      expect(shown.sort()).toEqual(expected.sort());
    }).toPass({ timeout: 20_000 });
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the figures, the charts and their tables are all there", async ({ page }) => {
      await logOnAsPostmaster(page);
      await page.goto("/admin/readiness");
      await expectRealFigures(page, "en");
      await expectChartsWithTables(page, "en");
      // The CSV link needs JavaScript and is not offered without it: the tables are the copy.
      await expect(page.getByRole("link", { name: /Download CSV/ })).toHaveCount(0);
    });
  });

  test("in Chinese", async ({ browser }) => {
    const context = await browser.newContext({ locale: "zh-CN" });
    await openSession(context, "mail", POSTMASTER.email);
    const page = await context.newPage();
    await page.goto("/admin/readiness");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1, name: text("zh-CN", "Admin.nav.readiness") })).toBeVisible();
    await expectRealFigures(page, "zh-CN");
    await expectChartsWithTables(page, "zh-CN");
    await shot(page, "readiness-zh");
    await context.close();
  });
});
