import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createAppServer, type AppServer, type Handler } from "../../scripts/lib/http-server";

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

async function start(handler: Handler, trustProxy: number, host = "127.0.0.1"): Promise<{ server: AppServer; url: string }> {
  const server = createAppServer(handler, { trustProxy });
  running.push(server);
  const port = await server.listen(0, host);
  return { server, url: `http://${host.includes(":") ? `[${host}]` : host}:${port}` };
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
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

describe("graceful shutdown", () => {
  it("finishes the request in flight, then refuses new connections", async () => {
    let release: () => void = () => undefined;
    const slow: Handler = (_req, res) =>
      new Promise<void>((resolve) => {
        release = () => {
          res.end("finished");
          resolve();
        };
      });
    const { server, url } = await start(slow, 0);
    const inFlight = get(`${url}/slow`);
    await new Promise((r) => setTimeout(r, 100));
    expect(server.inFlight).toBe(1);
    const drained = server.drain(5_000);
    await new Promise((r) => setTimeout(r, 50));
    await expect(get(`${url}/after`)).rejects.toThrow(/ECONNREFUSED|ECONNRESET/);
    release();
    expect(await inFlight).toEqual({ status: 200, body: "finished" });
    expect(await drained).toEqual({ forced: 0 });
    expect(server.draining).toBe(true);
  });

  it("cuts off a request that runs past the deadline", async () => {
    const { server, url } = await start(() => new Promise(() => undefined), 0);
    const stuck = get(`${url}/stuck`).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 100));
    expect(await server.drain(200)).toEqual({ forced: 1 });
    expect(await stuck).toBeInstanceOf(Error);
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
