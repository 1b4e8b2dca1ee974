import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { resolveClientIp } from "@/lib/client-ip";
import { isDatabaseDown } from "@/server/lifecycle";
import { componentLogger } from "@/server/observability/logger";
import { metrics, metricsAuthorized } from "@/server/observability/metrics";
import { sendUnavailable } from "./unavailable-page";

/**
 * Postkey's own HTTP server in front of Next's request handler. It is the
 * only code that sees the socket, so it decides who the client is: every
 * forwarding header a client sent is dropped, and X-Forwarded-For /
 * X-Forwarded-Proto are set from the socket and TRUST_PROXY (Next keeps
 * values already present). Nothing below it can read a client-chosen IP.
 *
 * It is also where each request is observed: a request id (X-Request-Id,
 * taken from a trusted proxy or made here), one log line and one latency
 * observation per request, /metrics for the scraper that holds
 * METRICS_TOKEN, and, while the database is unreachable, the 503 page for
 * pages (actions still reach their handlers, which answer a form error).
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

export interface AppServerOptions {
  trustProxy: number;
  /** Bearer token a scraper sends for GET /metrics; unset: /metrics does not exist (404). */
  metricsToken?: string;
  /** Route pattern of a path, for log lines and metric labels (route-label.ts). */
  routeLabel?: (pathname: string) => string;
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** A trusted proxy's request id is kept (one id across the hops); anything else gets a new one. */
function requestIdOf(req: IncomingMessage, trustProxy: number): string {
  const given = req.headers["x-request-id"];
  return trustProxy > 0 && typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

/** What still reaches Next during a database outage: probes, static files, and actions (they answer a form error). */
function servedDuringOutage(req: IncomingMessage, pathname: string): boolean {
  if (req.method === "POST" && req.headers["next-action"]) return true;
  return (
    pathname === "/healthz" ||
    pathname === "/readyz" ||
    pathname.startsWith("/_next/") ||
    pathname.startsWith("/.well-known/") ||
    pathname === "/favicon.ico"
  );
}

/** Probes and static files are logged at debug level: a request line each would drown the rest. */
const QUIET_ROUTES = new Set(["/healthz", "/readyz", "/metrics", "/_next/static", "/favicon.ico"]);

export interface AppServer {
  server: http.Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, lets requests in flight finish (at most `drainMs`), then closes every connection. */
  drain(drainMs: number): Promise<{ forced: number }>;
  readonly draining: boolean;
  readonly inFlight: number;
}

export function createAppServer(handler: Handler, opts: AppServerOptions): AppServer {
  let inFlight = 0;
  let draining = false;
  const idle: Array<() => void> = [];
  const active = new Set<ServerResponse>();
  const log = componentLogger("http");
  const m = metrics();
  const routeLabel = opts.routeLabel ?? (() => "(all)");
  const server = http.createServer((req, res) => {
    inFlight++;
    active.add(res);
    const started = process.hrtime.bigint();
    const pathname = (req.url ?? "/").split("?")[0];
    const decodable = hasDecodablePath(req.url);
    const reqId = requestIdOf(req, opts.trustProxy);
    req.headers["x-request-id"] = reqId;
    res.setHeader("X-Request-Id", reqId);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight--;
      active.delete(res);
      if (inFlight === 0) idle.splice(0).forEach((fn) => fn());
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = decodable ? routeLabel(pathname) : "(bad path)";
      const status = res.writableFinished ? res.statusCode : 499; // 499: the client went away first
      m.httpDuration.observe({ route, method: req.method ?? "GET", status: String(status) }, seconds);
      const line = {
        reqId,
        method: req.method,
        route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        ip: req.headers["x-forwarded-for"],
        ...(req.headers["next-action"] ? { action: true } : {}),
      };
      if (QUIET_ROUTES.has(route)) log.debug(line, "request");
      else log.info(line, "request");
    };
    res.on("finish", finish);
    res.on("close", finish);
    // While draining, tell keep-alive clients to reconnect (to another instance).
    if (draining) res.setHeader("Connection", "close");
    applyClientHeaders(req, opts.trustProxy);
    if (pathname === "/metrics" && req.method === "GET" && metricsAuthorized(req.headers.authorization, opts.metricsToken)) {
      void m.registry.metrics().then((text) => {
        res.writeHead(200, { "Content-Type": m.registry.contentType, "Cache-Control": "no-store" });
        res.end(text);
      });
      return;
    }
    if (isDatabaseDown() && !servedDuringOutage(req, pathname)) {
      sendUnavailable(req, res);
      return;
    }
    if (!decodable) {
      // Next answers 500 to a path it cannot percent-decode (a dynamic segment of "%ff").
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
      res.end("Bad request: the address is not valid.");
      return;
    }
    (async () => handler(req, res))().catch((e: unknown) => {
      log.error({ err: e, reqId }, "unhandled error");
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
      // Answers still to come close their connection: the client's next request goes to another instance.
      for (const res of active) if (!res.headersSent) res.setHeader("Connection", "close");
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
