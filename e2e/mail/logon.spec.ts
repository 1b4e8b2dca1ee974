import type { APIRequest, BrowserContext, Cookie, Page } from "@playwright/test";
import { unsealData } from "iron-session";
import { BASE_URL } from "../support/e2e-env";
import { createEmployee, expect, formAlert, logOn, logOnWithSmsCode, submit, test } from "../support/fixtures";
import { imageLoaded } from "../support/recovery";
import { openSession } from "../support/sessions";
import { DEMO } from "../../tests/support/demo-accounts";

test.describe("Mail logon (SECURITY.md Logon, Sessions)", () => {
  test("an employee logs on, lands on Account Security, and logs off", async ({ page, context }) => {
    const u = await createEmployee();
    await logOn(page, u.address.toUpperCase(), u.password);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { name: "Account Security" })).toBeVisible();
    const cookie = (await context.cookies()).find((c) => c.name === "postkey_mail");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    await page.getByRole("button", { name: "Log Off" }).click();
    await expect(page).toHaveURL(/\/login\?notice=signed-out/);
    await expect(page.getByText("You have logged off.")).toBeVisible();
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a postmaster lands on the domain-management console after the second step", async ({ page }) => {
    await logOnWithSmsCode(page, DEMO.orgPostmaster.email, DEMO.orgPostmaster.password, DEMO.orgPostmaster.mobile);
    await expect(page).toHaveURL(/\/admin/);
  });

  test("wrong password and unknown address get the same message", async ({ page }) => {
    const u = await createEmployee();
    await logOn(page, u.address, "Wrong#Guess2026");
    await expect(formAlert(page)).toHaveText("Incorrect email address or password.");
    await logOn(page, "nobody-here@example.com", "Wrong#Guess2026");
    await expect(formAlert(page)).toHaveText("Incorrect email address or password.");
  });

  test("after 5 failures the image code is asked; after 10 the account is locked with the same message", async ({ page }) => {
    const u = await createEmployee();
    await page.goto("/login");
    for (let i = 1; i <= 10; i++) {
      await page.getByLabel("Email address").fill(u.address);
      await page.getByLabel("Password", { exact: true }).fill(`Wrong#Guess${i}x`);
      // Each refused try shows a new image; its challenge exists once the image has loaded.
      if (i > 5) {
        await imageLoaded(page);
        await page.getByLabel("Image verification code").fill("PASSED");
      } else await expect(page.getByLabel("Image verification code")).toHaveCount(0);
      await submit(page, "Log On");
      await expect(formAlert(page)).toHaveText("Incorrect email address or password.");
      await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
    }
    await page.getByLabel("Password", { exact: true }).fill(u.password);
    await imageLoaded(page);
    await page.getByLabel("Image verification code").fill("PASSED");
    await submit(page, "Log On");
    await expect(formAlert(page)).toHaveText("Incorrect email address or password.");
    await expect(page).toHaveURL(/\/login/);
  });

  test("must change password: only the change-password page until it is changed", async ({ page }) => {
    const u = await createEmployee();
    const { getDb } = await import("@/server/db");
    await getDb().mailAccount.update({ where: { id: u.id }, data: { mustChangePassword: true } });
    await logOn(page, u.address, u.password);
    await expect(page).toHaveURL(/\/account\/change-password/);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/account\/change-password/);
    await page.getByLabel("Current password").fill(u.password);
    await page.getByLabel("New password").fill("Fresh#Orchard2026");
    await page.getByLabel("Confirm password").fill("Fresh#Orchard2026");
    await submit(page, "Save");
    await expect(page).toHaveURL(/\/account\?changed=1/);
    await expect(page.getByText("Your password was changed.")).toBeVisible();
  });

  test("change password: the live checklist, every problem next to its field, and other sessions end", async ({ page, browser }) => {
    const u = await createEmployee();
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await openSession(other, "mail", u.address);
    await otherPage.goto("/account");
    await expect(otherPage).toHaveURL(/\/account$/);

    await logOn(page, u.address, u.password);
    await page.goto("/account/change-password");
    await page.getByLabel("Current password").fill("not-my-password");
    await page.getByLabel("New password").fill("short");
    await expect(page.getByRole("listitem").filter({ hasText: "8 to 64 characters" })).toContainText("✗");
    await page.getByLabel("Confirm password").fill("different");
    await submit(page, "Save");
    await expect(page.getByText("The current password is incorrect.")).toBeVisible();

    await page.getByLabel("Current password").fill(u.password);
    await page.getByLabel("New password").fill("Fresh#Orchard2026");
    await page.getByLabel("Confirm password").fill("Fresh#Orchard2026");
    await submit(page, "Save");
    await expect(page).toHaveURL(/\/account\?changed=1/);

    await otherPage.goto("/account");
    await expect(otherPage).toHaveURL(/\/login/);
    await other.close();

    await page.getByRole("button", { name: "Log Off" }).click();
    // Log Off is a form post: the logon page comes once it has ended the session (going there sooner finds it still open).
    await expect(page).toHaveURL(/\/login/);
    await logOn(page, u.address, u.password);
    await expect(formAlert(page)).toHaveText("Incorrect email address or password.");
    await logOn(page, u.address, "Fresh#Orchard2026");
    await expect(page).toHaveURL(/\/account$/);
  });

  test("a logon ends the session the browser brought: a new Session row, the old one revoked, its cookie refused", async ({
    page,
    context,
    playwright,
  }) => {
    const a = await createEmployee();
    const b = await createEmployee();
    await logOn(page, a.address, a.password);
    await expect(page).toHaveURL(/\/account$/);
    const first = await currentSession(context);
    expect(first.row).toMatchObject({ mailAccountId: a.id, revokedAt: null });

    // B logs on in the same browser, A's cookie sent with the logon (kept, or planted by someone else).
    const second = await logOnBringing(page, b, first.cookie);
    expect(second.id).not.toBe(first.id);
    expect(second.row).toMatchObject({ mailAccountId: b.id, revokedAt: null });
    // A's row is still A's (not handed over to B) and ended by the new logon; A's old cookie replayed is refused.
    expect(await sessionRow(first.id)).toEqual({ ...first.row, revokedAt: expect.any(Date), revokedReason: "replaced" });
    expect(await replay(playwright, first.cookie)).toEqual({ status: 307, location: "/login" });
    await page.goto("/account");
    await expect(page.getByTestId("signed-in-as")).toContainText(b.address);

    // And A again, B's cookie brought along: a third session, B's cookie still only B's.
    const third = await logOnBringing(page, a, second.cookie);
    expect([first.id, second.id]).not.toContain(third.id);
    expect(third.row).toMatchObject({ mailAccountId: a.id, revokedAt: null });
    expect(await sessionRow(second.id)).toEqual({ ...second.row, revokedAt: expect.any(Date), revokedReason: "replaced" });
    expect(await replay(playwright, second.cookie)).toEqual({ status: 307, location: "/login" });
    // The session in use is the third's: it opens /account as A.
    expect(await replay(playwright, (await currentSession(context)).cookie)).toEqual({ status: 200, location: null });
  });
});

/** The Session row behind a sealed mail cookie (only what a logon could hand over: owner, version, revocation, birth). */
async function sessionRow(id: string) {
  const { getDb } = await import("@/server/db");
  return getDb().session.findUniqueOrThrow({
    where: { id },
    select: { mailAccountId: true, version: true, revokedAt: true, revokedReason: true, createdAt: true },
  });
}

/** The browser's mail cookie, the session id sealed in it, and that session's row. */
async function currentSession(context: BrowserContext) {
  const { passwordMap } = await import("@/server/auth/session-options");
  const cookie = (await context.cookies()).find((c) => c.name === "postkey_mail");
  if (!cookie) throw new Error("the browser holds no postkey_mail cookie");
  const { sessionId } = await unsealData<{ sessionId?: string }>(cookie.value, { password: passwordMap() });
  if (!sessionId) throw new Error("the postkey_mail cookie seals no session id");
  return { cookie, id: sessionId, row: await sessionRow(sessionId) };
}

/** The logon form filled in by `who`, with `bring` (a session cookie) in the browser when it is sent. */
async function logOnBringing(page: Page, who: { address: string; password: string }, bring: Cookie) {
  // A signed-in browser is sent from /login to /account: the form is opened without the cookie, which comes back before Log On.
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email address").fill(who.address);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.context().addCookies([bring]);
  await submit(page, "Log On");
  await expect(page).toHaveURL(/\/account$/);
  return currentSession(page.context());
}

/** What /account answers a raw request that replays a cookie: 200, or the redirect to the logon page (its path). */
async function replay(playwright: { request: APIRequest }, cookie: Cookie): Promise<{ status: number; location: string | null }> {
  const raw = await playwright.request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { cookie: `${cookie.name}=${cookie.value}` } });
  const res = await raw.get("/account", { maxRedirects: 0 });
  const location = res.headers().location;
  await raw.dispose();
  return { status: res.status(), location: location ? new URL(location, BASE_URL).pathname : null };
}

test.describe("Web rules (SECURITY.md Web)", () => {
  test("pages carry the security headers", async ({ request }) => {
    const res = await request.get("/login");
    const h = res.headers();
    expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("same-origin");
    expect(h["cross-origin-opener-policy"]).toBe("same-origin");
    expect(h["cache-control"]).toContain("no-store");
    expect(h["x-powered-by"]).toBeUndefined();
    const again = (await request.get("/login")).headers()["content-security-policy"];
    expect(again).not.toBe(h["content-security-policy"]); // a fresh nonce per request
  });

  test("search engines stay out of the consoles; security.txt and the icon are served", async ({ request }) => {
    const robots = await (await request.get("/robots.txt")).text();
    for (const path of ["/admin", "/console", "/account", "/forgot-password"]) expect(robots).toContain(`Disallow: ${path}`);
    const security = await request.get("/.well-known/security.txt");
    expect(security.status()).toBe(200);
    const text = await security.text();
    expect(text).toMatch(/^Contact: mailto:security@/m);
    expect(new Date(/^Expires: (.+)$/m.exec(text)![1]).getTime()).toBeGreaterThan(Date.now());
    const icon = await request.get("/favicon.ico");
    expect(icon.status()).toBe(200);
  });

  test("a POST with a missing, null or foreign Origin is refused", async ({ request }) => {
    for (const origin of [undefined, "null", "http://evil.example"]) {
      const res = await request.post("/login", {
        headers: { ...(origin ? { Origin: origin } : {}), "Next-Action": "0".repeat(40), "Content-Type": "text/plain;charset=UTF-8" },
        data: "[]",
      });
      expect(res.status()).toBe(403);
    }
  });
});
