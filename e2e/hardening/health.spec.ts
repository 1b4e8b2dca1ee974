import { expect, test } from "../support/fixtures";

// Health and readiness as a load balancer or orchestrator calls them: no
// session, JSON, never cached, nothing about the build or its hosts.
test("GET /healthz: the process answers", async ({ request }) => {
  const res = await request.get("/healthz", { maxRedirects: 0 });
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toContain("no-store");
  expect(res.headers()["content-type"]).toContain("application/json");
  expect(res.headers()["set-cookie"]).toBeUndefined();
  expect(await res.json()).toEqual({ status: "ok" });
});

test("GET /readyz: ready, with each check named and nothing else", async ({ request }) => {
  for (let i = 0; i < 3; i++) {
    // Repeated probes are never rate limited.
    const res = await request.get("/readyz", { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toContain("no-store");
    expect(res.headers()["set-cookie"]).toBeUndefined();
    const body = await res.json();
    expect(body).toEqual({
      status: "ready",
      checks: { accepting: "ok", database: "ok", migrations: "ok", redis: expect.stringMatching(/^(ok|skipped)$/), hashing: "ok" },
    });
    expect(JSON.stringify(body)).not.toMatch(/version|postgres|127\.0\.0\.1|localhost/i);
  }
});
