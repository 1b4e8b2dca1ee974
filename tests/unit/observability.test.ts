import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRouteLabeler } from "@/runtime/route-label";
import { isDatabaseUnavailableError } from "@/server/database-errors";
import { createLogger, usesPrettyLogs } from "@/server/observability/logger";
import { metricsAuthorized } from "@/server/observability/metrics";

describe("isDatabaseUnavailableError", () => {
  it.each([
    ["Prisma: can't reach the server", Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" })],
    [
      "Prisma: raw query on a dead server",
      Object.assign(new Error("Raw query failed. Message: `Can't reach database server`"), { code: "P2010" }),
    ],
    ["pg: admin shutdown", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })],
    ["pg: starting up", Object.assign(new Error("the database system is starting up"), { code: "57P03" })],
    ["node: refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["pg: a connection cut", new Error("Connection terminated unexpectedly")],
    ["wrapped in a cause", new Error("query failed", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) })],
  ])("%s: yes", (_, e) => expect(isDatabaseUnavailableError(e)).toBe(true));

  it.each([
    ["a unique constraint", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    ["a busy pool (load, not an outage)", new Error("timeout exceeded when trying to connect")],
    ["Prisma: a busy pool", Object.assign(new Error("Timed out fetching a new connection"), { code: "P2024" })],
    ["a syntax error", Object.assign(new Error('syntax error at or near "SELEC"'), { code: "42601" })],
    ["a bug", new TypeError("cannot read properties of undefined")],
    ["not an error", "ECONNREFUSED"],
    ["nothing", undefined],
  ])("%s: no", (_, e) => expect(isDatabaseUnavailableError(e)).toBe(false));
});

describe("logger", () => {
  function capture() {
    const lines: string[] = [];
    return { log: createLogger({ level: "info", destination: { write: (s: string) => void lines.push(s) } }), lines };
  }

  it("writes one JSON line with an ISO time and the level's name; below the level, nothing", () => {
    const { log, lines } = capture();
    log.debug("hidden");
    log.info({ route: "/login" }, "request");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: "info", service: "postkey", route: "/login", msg: "request" });
    expect(JSON.parse(lines[0]).time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("redacts the names secrets travel under, at the top and one level down; an error's code stays", () => {
    const { log, lines } = capture();
    log.info(
      {
        password: "Blue#Harbor2026",
        code: "482913",
        form: { newPassword: "New#Lantern2026", answer: "Rex", mobile: "+14155550101", code: "123456" },
        headers: { cookie: "postkey_mail=Fe26.2**abc", authorization: "Bearer t" },
        err: { message: "refused", code: "ECONNREFUSED" },
      },
      "x",
    );
    const text = lines[0];
    for (const secret of ["Blue#Harbor2026", "482913", "New#Lantern2026", "Rex", "+14155550101", "Fe26.2", "Bearer t"])
      expect(text).not.toContain(secret);
    expect(JSON.parse(text).err.code).toBe("ECONNREFUSED");
  });

  it("is pretty on a local run in a terminal, JSON for a deployment or a pipe; LOG_FORMAT decides when set", () => {
    expect(usesPrettyLogs({ APP_ENV: "development" }, true)).toBe(true);
    expect(usesPrettyLogs({ APP_ENV: "development" }, false)).toBe(false);
    expect(usesPrettyLogs({ APP_ENV: "production" }, true)).toBe(false);
    expect(usesPrettyLogs({ APP_ENV: "production", LOG_FORMAT: "pretty" }, false)).toBe(true);
    expect(usesPrettyLogs({ APP_ENV: "development", LOG_FORMAT: "json" }, true)).toBe(false);
  });
});

describe("route labels", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "postkey-routes-"));
  writeFileSync(
    path.join(dir, "routes-manifest.json"),
    JSON.stringify({
      staticRoutes: [{ page: "/login" }, { page: "/admin/accounts" }],
      dynamicRoutes: [{ page: "/admin/accounts/[id]", regex: "^/admin/accounts/([^/]+?)(?:/)?$" }],
    }),
  );
  const label = createRouteLabeler(dir);

  it("names a path by its route pattern, so ids and addresses never become labels", () => {
    expect(label("/login")).toBe("/login");
    expect(label("/admin/accounts/")).toBe("/admin/accounts");
    expect(label("/admin/accounts/acc_9f8e7d")).toBe("/admin/accounts/[id]");
    expect(label("/_next/static/chunks/abc.js")).toBe("/_next/static");
    expect(label("/.well-known/security.txt")).toBe("/.well-known/security.txt");
    expect(label("/wp-admin/alice@example.com")).toBe("(unmatched)");
  });

  it("without a build (a dev server) folds id-like segments", () => {
    const dev = createRouteLabeler(null);
    expect(dev("/admin/accounts/cmf3k2x9a0000abcd1234")).toBe("/admin/accounts/[id]");
    expect(dev("/login")).toBe("/login");
  });
});

describe("metricsAuthorized", () => {
  it("only `Bearer <token>`, exactly; never without a configured token", () => {
    expect(metricsAuthorized("Bearer 0123456789abcdef", "0123456789abcdef")).toBe(true);
    expect(metricsAuthorized("Bearer 0123456789abcdeF", "0123456789abcdef")).toBe(false);
    expect(metricsAuthorized("0123456789abcdef", "0123456789abcdef")).toBe(false);
    expect(metricsAuthorized(undefined, "0123456789abcdef")).toBe(false);
    expect(metricsAuthorized("Bearer ", undefined)).toBe(false);
  });
});
