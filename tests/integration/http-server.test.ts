import http from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAppServer, type AppServer, type AppServerOptions, type Handler } from "@/runtime/http-server";
import { markDatabaseDown, markDatabaseUp } from "@/server/lifecycle";
import { metrics } from "@/server/observability/metrics";
import { captureLogs } from "../support/logs";

/**
 * Postkey's own HTTP server, over real sockets, with a handler that echoes
 * what the app below it would see. The client IP and protocol come from the
 * socket and TRUST_PROXY only (SECURITY.md "Web").
 */
const echo: Handler = (req, res) => {
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify(req.headers));
};

let running: AppServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.drain(100)));
  running = [];
});

async function start(
  handler: Handler,
  trustProxy: number,
  host = "127.0.0.1",
  more: Partial<AppServerOptions> = {},
): Promise<{ server: AppServer; url: string }> {
  const server = createAppServer(handler, { trustProxy, ...more });
  running.push(server);
  const port = await server.listen(0, host);
  return { server, url: `http://${host.includes(":") ? `[${host}]` : host}:${port}` };
}

function get(
  url: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.end();
    req.on("error", reject);
  });
}

const FORGED = {
  "X-Forwarded-For": "10.9.1.1",
  "X-Real-IP": "10.9.2.1",
  Forwarded: "for=10.9.3.1;proto=https",
  "X-Forwarded-Proto": "https",
  "X-Forwarded-Host": "evil.example",
  "X-Forwarded-Port": "443",
  "True-Client-IP": "10.9.4.1",
  "CF-Connecting-IP": "10.9.5.1",
};

describe("the client IP cannot be forged (TRUST_PROXY=0, the default)", () => {
  it("drops every forwarding header the client sent and sets X-Forwarded-For from the socket", async () => {
    const { url } = await start(echo, 0);
    const seen = JSON.parse((await get(`${url}/x`, FORGED)).body) as Record<string, string>;
    expect(seen["x-forwarded-for"]).toBe("127.0.0.1");
    expect(seen["x-forwarded-proto"]).toBe("http");
    for (const h of ["x-real-ip", "forwarded", "x-forwarded-host", "x-forwarded-port", "true-client-ip", "cf-connecting-ip"])
      expect(seen[h]).toBeUndefined();
  });

  it("an IPv6 client is named by its canonical address", async () => {
    const { url } = await start(echo, 0, "::1");
    const seen = JSON.parse((await get(`${url}/x`, { "X-Forwarded-For": "10.9.1.1" })).body) as Record<string, string>;
    expect(seen["x-forwarded-for"]).toBe("::1");
  });
});

describe("behind TRUST_PROXY=1", () => {
  it("honours the proxy's entry (the right-most) and its X-Forwarded-Proto; entries the client added are ignored", async () => {
    const { url } = await start(echo, 1);
    const seen = JSON.parse(
      (await get(`${url}/x`, { "X-Forwarded-For": "6.6.6.6, 203.0.113.7", "X-Forwarded-Proto": "https", "X-Real-IP": "6.6.6.6" })).body,
    ) as Record<string, string>;
    expect(seen["x-forwarded-for"]).toBe("203.0.113.7");
    expect(seen["x-forwarded-proto"]).toBe("https");
    expect(seen["x-real-ip"]).toBeUndefined();
  });

  it("a request that did not come through the proxy (no header) is named by its socket", async () => {
    const { url } = await start(echo, 1);
    const seen = JSON.parse((await get(`${url}/x`)).body) as Record<string, string>;
    expect(seen["x-forwarded-for"]).toBe("127.0.0.1");
  });
});

describe("addresses", () => {
  it("a path that does not percent-decode to UTF-8 is a 400, before the app sees it", async () => {
    let seen = 0;
    const { url } = await start((_req, res) => {
      seen++;
      res.end("ok");
    }, 0);
    for (const bad of ["/admin/accounts/%ff", "/x/%c0%af", "/%E0%A4%A", "/a%"]) expect((await get(`${url}${bad}`)).status).toBe(400);
    expect(seen).toBe(0);
    expect((await get(`${url}/admin/accounts/%E7%8E%8B?q=%ff`)).status).toBe(200);
  });
});

/** A handler that holds every request: `entered` resolves (a latch, not a wait) once the app has the request. */
function heldHandler(): { handler: Handler; entered: Promise<http.ServerResponse> } {
  let enter: (res: http.ServerResponse) => void = () => undefined;
  const entered = new Promise<http.ServerResponse>((resolve) => (enter = resolve));
  return {
    handler: (_req, res) => {
      enter(res);
      return new Promise<void>((resolve) => res.on("finish", () => resolve()));
    },
    entered,
  };
}

describe("graceful shutdown", () => {
  it("finishes the request in flight, then refuses new connections", async () => {
    const slow = heldHandler();
    const { server, url } = await start(slow.handler, 0);
    const inFlight = get(`${url}/slow`);
    const res = await slow.entered;
    expect(server.inFlight).toBe(1);
    const drained = server.drain(5_000);
    // drain() stops listening at once (server.close(), before its first await): a new connection is refused now.
    expect(server.server.listening).toBe(false);
    await expect(get(`${url}/after`)).rejects.toThrow(/ECONNREFUSED|ECONNRESET/);
    expect(server.inFlight).toBe(1);
    res.end("finished");
    expect(await inFlight).toMatchObject({ status: 200, body: "finished", headers: { connection: "close" } });
    expect(await drained).toEqual({ forced: 0 });
    expect(server.draining).toBe(true);
  });

  it("cuts off a request that runs past the deadline", async () => {
    const stuck = heldHandler(); // never answers
    const { server, url } = await start(stuck.handler, 0);
    const response = get(`${url}/stuck`).catch((e: Error) => e);
    await stuck.entered;
    expect(await server.drain(200)).toEqual({ forced: 1 });
    expect(await response).toBeInstanceOf(Error);
  });

  it("a handler that throws answers 500 with a plain message, never a stack trace", async () => {
    const { url } = await start(() => {
      throw new Error("secret internals");
    }, 0);
    const res = await get(`${url}/boom`);
    expect(res.status).toBe(500);
    expect(res.body).not.toContain("secret internals");
  });
});

describe("what operators see of each request", () => {
  it("every response carries an X-Request-Id: a trusted proxy's is kept, a client's is replaced, a malformed one too", async () => {
    const direct = await start(echo, 0);
    const own = await get(`${direct.url}/x`, { "X-Request-Id": "chosen-by-client" });
    expect(own.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect((JSON.parse(own.body) as Record<string, string>)["x-request-id"]).toBe(own.headers["x-request-id"]);

    const proxied = await start(echo, 1);
    expect((await get(`${proxied.url}/x`, { "X-Request-Id": "lb-7f3a.1" })).headers["x-request-id"]).toBe("lb-7f3a.1");
    expect((await get(`${proxied.url}/x`, { "X-Request-Id": "bad id with spaces" })).headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs one JSON line per request: id, method, route pattern, status, duration, client; never the query; probes at debug", async () => {
    const logs = captureLogs("info");
    try {
      const routeLabel = (p: string) => (p.startsWith("/admin/accounts/") ? "/admin/accounts/[id]" : p);
      const { url } = await start(echo, 0, "127.0.0.1", { routeLabel });
      const res = await get(`${url}/admin/accounts/acc_123?q=alice%40example.com`);
      await get(`${url}/healthz`);
      await vi.waitFor(() => expect(logs.lines.filter((l) => l.msg === "request")).toHaveLength(1));
      const [line] = logs.lines.filter((l) => l.msg === "request");
      expect(line).toMatchObject({
        level: "info",
        component: "http",
        reqId: res.headers["x-request-id"],
        method: "GET",
        route: "/admin/accounts/[id]",
        status: 200,
        ip: "127.0.0.1",
      });
      expect(line.durationMs).toEqual(expect.any(Number));
      expect(logs.text()).not.toContain("alice");
      expect(logs.text()).not.toContain("acc_123");
    } finally {
      logs.restore();
    }
  });

  it("observes each request in the latency histogram by route, method and status", async () => {
    const { url } = await start(echo, 0, "127.0.0.1", { routeLabel: () => "/histogram-test" });
    await get(`${url}/anything`);
    const text = await metrics().registry.metrics();
    expect(text).toMatch(/postkey_http_request_duration_seconds_count\{route="\/histogram-test",method="GET",status="200"\} 1/);
  });

  it("/metrics answers only the bearer of METRICS_TOKEN; anyone else gets what the app answers (a 404 page)", async () => {
    const notFound: Handler = (_req, res) => {
      res.statusCode = 404;
      res.end("This page could not be found.");
    };
    const token = "metrics-token-0123456789abcdef";
    const { url } = await start(notFound, 0, "127.0.0.1", { metricsToken: token });
    expect((await get(`${url}/metrics`)).status).toBe(404);
    expect((await get(`${url}/metrics`, { Authorization: `Bearer ${token}x` })).status).toBe(404);
    expect((await get(`${url}/metrics`, { Authorization: token })).status).toBe(404);
    const ok = await get(`${url}/metrics`, { Authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.headers["content-type"]).toContain("text/plain");
    expect(ok.headers["cache-control"]).toBe("no-store");
    for (const name of [
      "postkey_http_request_duration_seconds",
      "postkey_password_resets_total",
      "postkey_forgot_password_total",
      "postkey_sms_total",
      "postkey_logon_failures_total",
      "postkey_logon_captcha_demands_total",
      "postkey_account_locks_total",
      "postkey_rate_limit_refusals_total",
      "postkey_argon2_queue",
      "postkey_argon2_queue_wait_seconds",
      "postkey_db_pool_connections",
      "postkey_process_resident_memory_bytes",
    ])
      expect(ok.body).toContain(`# TYPE ${name} `);
    // Without a configured token there is no /metrics at all, whatever is sent.
    const closed = await start(notFound, 0);
    expect((await get(`${closed.url}/metrics`, { Authorization: "Bearer " })).status).toBe(404);
  });

  it("while the database is down: pages get the 503 page (Retry-After, the visitor's language); actions, probes and files pass", async () => {
    const { url } = await start(echo, 0);
    markDatabaseDown();
    try {
      const page = await get(`${url}/login`, { Accept: "text/html", "Accept-Language": "en" });
      expect(page.status).toBe(503);
      expect(page.headers["retry-after"]).toBe("60");
      expect(page.headers["cache-control"]).toBe("no-store");
      expect(page.body).toContain("The service is temporarily unavailable. Try again in a minute.");
      expect(page.body).toContain('<html lang="en">');
      const zh = await get(`${url}/forgot-password`, { Accept: "text/html", Cookie: "locale=zh-CN" });
      expect(zh.body).toContain("服务暂时不可用，请一分钟后再试。");
      expect(zh.body).toContain('<html lang="zh-CN">');
      const api = await get(`${url}/captcha`, { Accept: "image/png" });
      expect(api.status).toBe(503);
      expect(JSON.parse(api.body)).toMatchObject({ error: "unavailable" });

      expect((await get(`${url}/login`, { "Next-Action": "abc123", Accept: "text/x-component" }, "POST")).status).toBe(200);
      for (const path of ["/healthz", "/readyz", "/_next/static/chunks/app.js"]) expect((await get(`${url}${path}`)).status).toBe(200);
    } finally {
      markDatabaseUp();
    }
    expect((await get(`${url}/login`, { Accept: "text/html" })).status).toBe(200);
  });
});
