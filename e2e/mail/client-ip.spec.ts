import { getDb } from "@/server/db";
import { expect, test } from "../support/fixtures";
import { clearIpLimits } from "../support/recovery";

/**
 * SECURITY.md "Web": the client IP used by every per-IP limit and the audit
 * log is the socket's address (TRUST_PROXY=0 here); a client never chooses it.
 */
const LOOPBACK = ["127.0.0.1", "::1"];

test.describe("the client IP cannot be forged", () => {
  test.beforeEach(clearIpLimits);
  test.afterEach(clearIpLimits);

  test("a new X-Forwarded-For per request does not lift the 30 images a minute per IP", async ({ request }) => {
    for (let i = 1; i <= 30; i++) {
      const res = await request.get("/captcha", { headers: { "X-Forwarded-For": `10.9.${i}.1`, "X-Real-IP": `10.8.${i}.1` } });
      expect(res.status()).toBe(200);
    }
    for (const forged of ["10.9.31.1", "203.0.113.200", "::ffff:10.9.32.1"]) {
      const res = await request.get("/captcha", { headers: { "X-Forwarded-For": forged, Forwarded: `for=${forged}` } });
      expect(res.status()).toBe(429);
    }
  });

  test("the audit log records the socket's address, not the header's", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "10.66.77.88", "X-Real-IP": "10.66.77.89" });
    const address = `forged-ip-${Date.now()}@example.com`;
    await page.goto("/login");
    await page.getByLabel("Email address").fill(address);
    await page.getByLabel("Password", { exact: true }).fill("Wrong#Pass2026");
    await page.getByRole("button", { name: "Log On" }).click();
    await expect(page.getByText("Incorrect email address or password.")).toBeVisible();
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { action: "logon.failure", actorLabel: address } });
    expect(LOOPBACK).toContain(event.ip);
  });
});
