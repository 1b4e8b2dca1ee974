import { createEmployee, expect, logOn, test } from "../support/fixtures";
import { accountId, accountRow, logOnAsPostmaster, ORG_POSTMASTER } from "../support/admin";

// Who may use the domain-management console: only a postmaster, and only for its own domain.
test.describe("Domain management: access", () => {
  test("an employee session is sent away from every /admin page and cannot export the audit log", async ({ page }) => {
    const emp = await createEmployee();
    await logOn(page, emp.address, emp.password);
    await expect(page).toHaveURL(/\/account$/);
    const alice = await accountId("alice@example.com");
    for (const path of ["/admin", "/admin/accounts", `/admin/accounts/${alice}`, "/admin/departments", "/admin/password-policy", "/admin/audit-log"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/account\?denied=admin$/);
    }
    await expect(page.getByText("Only the domain administrator (postmaster) can open the domain-management console.")).toBeVisible();
    const csv = await page.request.get("/admin/audit-log/export", { maxRedirects: 0 });
    expect(csv.status()).toBe(403);
    expect(await csv.text()).not.toContain("logon.success");
  });

  test("without a session, /admin and the CSV export go to the logon page", async ({ page }) => {
    await page.goto("/admin/accounts");
    await expect(page).toHaveURL(/\/login$/);
    const csv = await page.request.get("/admin/audit-log/export", { maxRedirects: 0 });
    expect(csv.status()).toBe(303);
    expect(csv.headers()["location"]).toMatch(/\/login$/);
  });

  test("a server action POSTed from another origin is refused before it runs", async ({ page }) => {
    const res = await page.request.post("/admin/accounts", { headers: { Origin: "https://evil.example", "Next-Action": "x" }, data: "accountId=1", maxRedirects: 0 });
    expect(res.status()).toBe(403);
  });

  test("example.org's postmaster sees only example.org and cannot open or reset example.com's accounts", async ({ page }) => {
    const alice = await accountId("alice@example.com");
    const before = await accountRow("alice@example.com");
    await logOnAsPostmaster(page, ORG_POSTMASTER);
    await expect(page.getByTestId("admin-domain")).toHaveText("example.org");
    const table = page.getByRole("table");
    await expect(table.getByRole("link", { name: "Erin Zhao" })).toBeVisible();
    await expect(table).not.toContainText("example.com");
    await page.getByLabel("Search").fill("alice");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByText("No account matches this search.")).toBeVisible();

    await page.goto(`/admin/accounts/${alice}`);
    await expect(page.getByText("This account does not exist in your domain.")).toBeVisible();
    await expect(page.getByText("alice@example.com")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Reset Password" })).toHaveCount(0);
    expect((await accountRow("alice@example.com")).sessionVersion).toBe(before.sessionVersion);

    // The attempt is in example.com's audit log, not example.org's.
    const { getDb } = await import("@/server/db");
    const refusal = await getDb().auditEvent.findFirst({ where: { action: "access.refused", targetId: alice, actorLabel: ORG_POSTMASTER.email }, orderBy: { createdAt: "desc" } });
    expect(refusal).toMatchObject({ result: "REFUSED", domainId: before.domainId });
  });
});
