import http from "node:http";

/**
 * A load balancer for the operations specs, in plain node:http: each request
 * goes to the next upstream in turn, or to the one a test names in the
 * test-only `x-upstream` header (removed before forwarding). The client's
 * socket address is appended to X-Forwarded-For (the apps run with
 * TRUST_PROXY=1 and take that last hop), the Host header is kept (the apps
 * check Origin against it), bodies are piped both ways, and every answer says
 * which upstream served it in `x-upstream-served`.
 */
export interface RoundRobinProxy {
  url: string;
  port: number;
  /** Requests each upstream has answered. */
  served: Record<string, number>;
  close(): Promise<void>;
}

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "upgrade", "te", "trailer"];

/** "::ffff:127.0.0.2" → "127.0.0.2", as a proxy in front of IPv4 clients would write it. */
const clientAddress = (socket: { remoteAddress?: string }) => (socket.remoteAddress ?? "").replace(/^::ffff:/, "");

export async function startRoundRobinProxy(opts: { port: number; upstreams: Record<string, number> }): Promise<RoundRobinProxy> {
  const names = Object.keys(opts.upstreams);
  const served: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  // No pooled connections: an upstream that restarts leaves none behind.
  const agent = new http.Agent({ keepAlive: false });
  let turn = 0;

  const server = http.createServer((req, res) => {
    const asked = req.headers["x-upstream"];
    const name = typeof asked === "string" && names.includes(asked) ? asked : names[turn++ % names.length];
    const headers = { ...req.headers };
    delete headers["x-upstream"];
    for (const h of HOP_BY_HOP) delete headers[h];
    const previous = req.headers["x-forwarded-for"];
    const prior = Array.isArray(previous) ? previous.join(", ") : previous;
    headers["x-forwarded-for"] = prior ? `${prior}, ${clientAddress(req.socket)}` : clientAddress(req.socket);

    const upstream = http.request(
      { host: "127.0.0.1", port: opts.upstreams[name], method: req.method, path: req.url, headers, agent },
      (answer) => {
        served[name]++;
        const out: http.OutgoingHttpHeaders = { ...answer.headers, "x-upstream-served": name };
        for (const h of HOP_BY_HOP) delete out[h];
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
      },
    );
    upstream.on("error", (e) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { "Content-Type": "text/plain; charset=utf-8", "x-upstream-served": name });
      res.end(`upstream ${name} failed: ${e.message}`);
    });
    req.pipe(upstream);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => resolve());
  });
  return {
    url: `http://127.0.0.1:${opts.port}`,
    port: opts.port,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

/**
 * fetch() from another loopback address (127.0.0.2, 127.0.0.3…), so a test
 * can be several clients: node:http with `localAddress` (fetch's own
 * dispatcher, undici, is not a dependency here). Answers a real Response;
 * redirects are not followed.
 */
export async function fetchFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: FormData | string } = {},
): Promise<Response> {
  // Request encodes the body (a multipart boundary for FormData) exactly as fetch would.
  const encoded = new Request(url, { method: init.method ?? "GET", headers: init.headers, body: init.body });
  const body = init.body === undefined ? undefined : Buffer.from(await encoded.arrayBuffer());
  const headers = Object.fromEntries(encoded.headers);
  if (body) headers["content-length"] = String(body.length);
  const target = new URL(url);
  return new Promise<Response>((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: encoded.method, headers, localAddress },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const h = new Headers();
          for (let i = 0; i < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
          const status = res.statusCode ?? 502;
          const payload = status === 204 || status === 304 ? null : new Uint8Array(Buffer.concat(chunks));
          resolve(new Response(payload, { status, headers: h }));
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
