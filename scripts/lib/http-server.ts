import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { resolveClientIp } from "../../src/lib/client-ip";

/**
 * Postkey's own HTTP server in front of Next's request handler. It is the
 * only code that sees the socket, so it decides who the client is: every
 * forwarding header a client sent is dropped, and X-Forwarded-For /
 * X-Forwarded-Proto are set from the socket and TRUST_PROXY (Next keeps
 * values already present). Nothing below it can read a client-chosen IP.
 */
const CLIENT_SUPPLIED_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-port",
  "x-forwarded-proto",
  "x-real-ip",
  "x-client-ip",
  "true-client-ip",
  "cf-connecting-ip",
] as const;

function applyClientHeaders(req: IncomingMessage, trustProxy: number): void {
  const ip = resolveClientIp({ remoteAddress: req.socket.remoteAddress, forwardedFor: req.headers["x-forwarded-for"], trustProxy });
  const proto = clientProtocol(req, trustProxy);
  for (const name of CLIENT_SUPPLIED_HEADERS) delete req.headers[name];
  req.headers["x-forwarded-for"] = ip;
  req.headers["x-forwarded-proto"] = proto;
}

/** https when the socket is TLS, or (behind trusted proxies) when the proxy says so. */
function clientProtocol(req: IncomingMessage, trustProxy: number): "http" | "https" {
  if ((req.socket as TLSSocket).encrypted) return "https";
  if (trustProxy <= 0) return "http";
  const header = req.headers["x-forwarded-proto"];
  const first = (Array.isArray(header) ? header[0] : header)?.split(",")[0]?.trim().toLowerCase();
  return first === "https" ? "https" : "http";
}

/** The path (not the query) must percent-decode to valid UTF-8. */
function hasDecodablePath(url: string | undefined): boolean {
  const pathname = (url ?? "/").split("?")[0];
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface AppServer {
  server: http.Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, lets requests in flight finish (at most `drainMs`), then closes every connection. */
  drain(drainMs: number): Promise<{ forced: number }>;
  readonly draining: boolean;
  readonly inFlight: number;
}

export function createAppServer(handler: Handler, opts: { trustProxy: number }): AppServer {
  let inFlight = 0;
  let draining = false;
  const idle: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    inFlight++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight--;
      if (inFlight === 0) idle.splice(0).forEach((fn) => fn());
    };
    res.on("finish", finish);
    res.on("close", finish);
    // While draining, tell keep-alive clients to reconnect (to another instance).
    if (draining) res.setHeader("Connection", "close");
    applyClientHeaders(req, opts.trustProxy);
    if (!hasDecodablePath(req.url)) {
      // Next answers 500 to a path it cannot percent-decode (a dynamic segment of "%ff").
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
      res.end("Bad request: the address is not valid.");
      return;
    }
    (async () => handler(req, res))().catch((e: unknown) => {
      console.error("[server] unhandled error", e);
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
        res.end("Something went wrong on our side. Please try again.");
      } else res.destroy();
    });
  });
  // Slowloris and idle sockets: bounded header and request times.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  return {
    server,
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve((server.address() as { port: number }).port);
        });
      });
    },
    async drain(drainMs) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const allDone = inFlight === 0 ? Promise.resolve(true) : new Promise<boolean>((resolve) => idle.push(() => resolve(true)));
      const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), drainMs).unref());
      const finished = await Promise.race([allDone, timeout]);
      const forced = finished ? 0 : inFlight;
      // Every connection left is now idle, or its request ran past the deadline.
      server.closeIdleConnections();
      server.closeAllConnections();
      await closed;
      return { forced };
    },
  };
}
