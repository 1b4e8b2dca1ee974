import type { Browser, Page } from "@playwright/test";
import { createEmployee, expect, test } from "../support/fixtures";
import { accountId, accountRow, fillPasswords, logOnAsPostmaster, openResetPassword, ORG_POSTMASTER, shot } from "../support/admin";
import { openSession } from "../support/sessions";
import { DEMO } from "../../tests/support/demo-accounts";

interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Fills and submits the Reset Password form, but stops the POST in the browser and returns it for replay. */
async function captureResetPost(page: Page, employeeId: string, password: string): Promise<CapturedAction> {
  await openResetPassword(page, employeeId);
  await fillPasswords(page, password);
  let captured: CapturedAction | undefined;
  await page.route(`**/admin/accounts/${employeeId}`, async (route) => {
    const req = route.request();
    if (req.method() !== "POST") return route.continue();
    const headers = Object.fromEntries(
      Object.entries(await req.allHeaders()).filter(([k]) => !["cookie", "content-length", "host"].includes(k)),
    );
    captured = { url: req.url(), headers, body: req.postDataBuffer() ?? Buffer.alloc(0) };
    await route.abort();
  });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect.poll(() => captured).toBeTruthy();
  await page.unrouteAll({ behavior: "ignoreErrors" });
  return captured!;
}

/** The captured action, sent again from another browser context (its own cookies, or none). */
async function replay(browser: Browser, action: CapturedAction, logOnAs?: { email: string; password: string }) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  if (logOnAs) await openSession(ctx, "mail", logOnAs.email);
  const res = await page.request.post(action.url, { headers: action.headers, data: action.body, maxRedirects: 0 });
  await ctx.close();
  return res;
}

// Who may use the domain-management console: only a postmaster, and only for its own domain.
test.describe("Domain management: access", () => {
  test("an employee session is sent away from every /admin page and cannot export the audit log", async ({ signIn, page }) => {
    const emp = await createEmployee();
    await signIn(emp.address, { path: "/account" });
    await expect(page).toHaveURL(/\/account$/);
    const alice = await accountId(DEMO.alice.email);
    for (const path of [
      "/admin",
      "/admin/accounts",
      `/admin/accounts/${alice}`,
      "/admin/departments",
      "/admin/password-policy",
      "/admin/audit-log",
    ]) {
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
    expect(csv.status()).toBe(307);
    expect(csv.headers()["location"]).toMatch(/\/login$/);
  });

  test("a raw Reset Password POST is refused for an employee, another domain's postmaster and no session; audited; nothing changes", async ({
    page,
    browser,
  }) => {
    const target = await createEmployee();
    const intruder = await createEmployee();
    await logOnAsPostmaster(page);
    const action = await captureResetPost(page, target.id, "Raw#Replay2026");
    expect(action.headers["next-action"]).toBeTruthy();
    const before = await accountRow(target.address);
    const since = new Date(Date.now() - 1000);
    const { getDb } = await import("@/server/db");
    const refusals = () =>
      getDb().auditEvent.findMany({ where: { action: "access.refused", createdAt: { gte: since } }, orderBy: { createdAt: "asc" } });

    await replay(browser, action, { email: intruder.address, password: intruder.password });
    await replay(browser, action, ORG_POSTMASTER);
    await replay(browser, action);
    const after = await accountRow(target.address);
    expect(after.sessionVersion).toBe(before.sessionVersion);
    expect(after.passwordChangedAt).toEqual(before.passwordChangedAt);
    const events = (await refusals()).filter((e) => (e.detail as { attempted?: string }).attempted === "password.reset");
    expect(events.map((e) => [e.actorLabel, (e.detail as { reason: string }).reason, e.result])).toEqual([
      [intruder.address, "not_postmaster", "REFUSED"],
      [ORG_POSTMASTER.email, "other_domain", "REFUSED"],
      [null, "no_session", "REFUSED"],
    ]);

    // The same bytes from the postmaster's own session do reset: the refusals above were about who asked.
    await replay(browser, action, { email: DEMO.postmaster.email, password: DEMO.postmaster.password });
    expect((await accountRow(target.address)).sessionVersion).toBe(before.sessionVersion + 1);
  });

  test("a server action POSTed from another origin is refused before it runs", async ({ page }) => {
    const res = await page.request.post("/admin/accounts", {
      headers: { Origin: "https://evil.example", "Next-Action": "x" },
      data: "accountId=1",
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
  });

  test("example.org's postmaster sees only example.org and cannot open or reset example.com's accounts", async ({ page }) => {
    const alice = await accountId(DEMO.alice.email);
    const before = await accountRow(DEMO.alice.email);
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
    await shot(page, "8-other-domain-not-found");
    await expect(page.getByText(DEMO.alice.email)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Reset Password" })).toHaveCount(0);
    expect((await accountRow(DEMO.alice.email)).sessionVersion).toBe(before.sessionVersion);

    // The attempt is in example.com's audit log, not example.org's.
    const { getDb } = await import("@/server/db");
    const refusal = await getDb().auditEvent.findFirst({
      where: { action: "access.refused", targetId: alice, actorLabel: ORG_POSTMASTER.email },
      orderBy: { createdAt: "desc" },
    });
    expect(refusal).toMatchObject({ result: "REFUSED", domainId: before.domainId });
  });

  test("a Reset Password POST without the must-change field requires the change (the safe default)", async ({ page, context }) => {
    const target = await createEmployee();
    await logOnAsPostmaster(page);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const { postAction, sentTo } = await import("../support/actions");
    const { BASE_URL } = await import("../support/e2e-env");
    const res = await postAction(
      BASE_URL,
      `/admin/accounts/${target.id}`,
      "resetPasswordAction",
      { accountId: target.id, password: "Quiet#Harbor2027", confirmPassword: "Quiet#Harbor2027" },
      cookie,
    );
    expect(sentTo(res)).toMatch(/notice=password-reset/);
    expect((await accountRow(target.address)).mustChangePassword).toBe(true);
  });
});

// The guard's Postmaster is made from each request's own read of the session and its account
// (src/server/admin/postmaster.ts): a cookie sealed while its account was a postmaster carries no power.
test.describe("Domain management: a stale postmaster cookie", () => {
  test("a postmaster demoted or disabled mid-session: the same cookie's next raw Reset Password is refused and audited, nothing changes", async ({
    context,
  }) => {
    const { getDb } = await import("@/server/db");
    const { postAction, sentTo } = await import("../support/actions");
    const { BASE_URL } = await import("../support/e2e-env");
    const deputy = await createEmployee({ mobile: "+14155550143" });
    const target = await createEmployee();
    const asPostmaster = { role: "POSTMASTER" as const, secureMobileVerifiedAt: new Date() };
    await getDb().mailAccount.update({ where: { id: deputy.id }, data: asPostmaster });
    await openSession(context, "mail", deputy.address);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const userAgent = `stale-postmaster-cookie ${deputy.id}`; // names this test's requests in the audit log
    const reset = (password: string) =>
      postAction(
        BASE_URL,
        `/admin/accounts/${target.id}`,
        "resetPasswordAction",
        { accountId: target.id, password, confirmPassword: password },
        cookie,
        { headers: { "User-Agent": userAgent } },
      );

    // The cookie works while its account is a postmaster.
    expect(sentTo(await reset("Quiet#Harbor2027"))).toMatch(/notice=password-reset/);
    const before = await accountRow(target.address);
    const since = new Date();

    await getDb().mailAccount.update({ where: { id: deputy.id }, data: { role: "EMPLOYEE" } });
    // Signed in, no longer a postmaster: the form's refusal, no destination.
    expect(sentTo(await reset("Other#Harbor2028"))).toBeNull();
    await getDb().mailAccount.update({ where: { id: deputy.id }, data: { ...asPostmaster, status: "DISABLED" } });
    // A disabled account's session is no session: on to the logon page.
    expect(sentTo(await reset("Third#Harbor2029"))).toMatch(/^\/login$/);

    const after = await accountRow(target.address);
    expect(after.sessionVersion).toBe(before.sessionVersion);
    expect(after.passwordChangedAt).toEqual(before.passwordChangedAt);
    const refusals = await getDb().auditEvent.findMany({
      where: { action: "access.refused", createdAt: { gte: since }, userAgent },
      orderBy: { createdAt: "asc" },
    });
    const resets = refusals.filter((e) => (e.detail as { attempted?: string }).attempted === "password.reset");
    expect(resets.map((e) => [e.actorLabel, (e.detail as { reason: string }).reason])).toEqual([
      [deputy.address, "not_postmaster"],
      [null, "no_session"],
    ]);
  });
});
