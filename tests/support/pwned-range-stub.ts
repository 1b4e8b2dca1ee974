/**
 * A stub of the Pwned Passwords range API (the one endpoint Postkey uses), so tests and the e2e run check
 * breached passwords without the internet (BREACHED_PASSWORDS=hibp, BREACHED_PASSWORDS_API_URL=its URL).
 *
 *   GET    /range/{5 hex}                      SUFFIX:COUNT lines (CRLF, sorted), as the real API answers;
 *                                              with `Add-Padding: true`, `padding` more lines of count 0
 *   GET    /_stub/requests                     [{path, headers}] of the range requests received, oldest first
 *   DELETE /_stub/requests                     forget them (and any pending failures, delays, garbage)
 *   POST   /_stub/fail-next?status=500&times=2 the next N range requests answer with that status
 *   POST   /_stub/delay-next?ms=3000&times=2   the next N range requests answer only after that long
 *   POST   /_stub/garbage-next?times=1         the next N range requests answer 200 with a body that is not a range
 *
 * CLI (end-to-end web server setup, the bench): `tsx tests/support/pwned-range-stub.ts --port 4011
 * [--padding N]` serves E2E_BREACHED_PASSWORDS, prints the URL and runs until killed.
 */
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

/** The passwords the e2e run's stub lists as breached (none of them a demo password). */
export const E2E_BREACHED_PASSWORDS = ["Tr0ub4dor&3xyz!", "correct horse battery staple"] as const;

/** How often the stub says a listed hash was seen. */
export const STUB_BREACH_COUNT = 42;

/** A 40-hex SHA-1 as given, anything else a password hashed as Postkey hashes it (NFKC, SHA-1, uppercase hex). */
export function stubSha1(passwordOrHash: string): string {
  if (/^[0-9A-Fa-f]{40}$/.test(passwordOrHash)) return passwordOrHash.toUpperCase();
  return createHash("sha1").update(passwordOrHash.normalize("NFKC"), "utf8").digest("hex").toUpperCase();
}

export interface StubRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface PwnedRangeStubOptions {
  port?: number;
  /** Breached: plain passwords or 40-hex SHA-1 hashes. */
  hashes?: readonly string[];
  /** Listed with count 0, as padding is (never breached): plain passwords or hashes. */
  zeroCount?: readonly string[];
  /** Padding lines (count 0, random suffixes) added to each answer asked with `Add-Padding: true` (default 10). */
  padding?: number;
}

export interface PwnedRangeStub {
  url: string;
  requests(): StubRequest[];
  /** List more breached passwords or hashes. */
  add(hashes: readonly string[]): void;
  clear(): void;
  failNextWith(status: number, times?: number): void;
  delayNextBy(ms: number, times?: number): void;
  garbageNext(times?: number): void;
  stop(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startPwnedRangeStub(opts: PwnedRangeStubOptions = {}): Promise<PwnedRangeStub> {
  /** Prefix → suffix → count. */
  const ranges = new Map<string, Map<string, number>>();
  const list = (items: readonly string[], count: number) => {
    for (const item of items) {
      const hash = stubSha1(item);
      const range = ranges.get(hash.slice(0, 5)) ?? new Map<string, number>();
      range.set(hash.slice(5), count);
      ranges.set(hash.slice(0, 5), range);
    }
  };
  list(opts.zeroCount ?? [], 0);
  list(opts.hashes ?? [], STUB_BREACH_COUNT);
  const padding = opts.padding ?? 10;
  const requests: StubRequest[] = [];
  /** What the next range requests do instead of answering, each for `left` more requests. */
  const noTricks = () => ({ fail: { left: 0, status: 500 }, delay: { left: 0, ms: 0 }, garbage: { left: 0 } });
  let next = noTricks();

  const stub: PwnedRangeStub = {
    url: "",
    requests: () => requests,
    add: (hashes) => list(hashes, STUB_BREACH_COUNT),
    clear() {
      requests.length = 0;
      next = noTricks();
    },
    failNextWith: (status, times = 1) => void (next.fail = { left: times, status }),
    delayNextBy: (ms, times = 1) => void (next.delay = { left: times, ms }),
    garbageNext: (times = 1) => void (next.garbage = { left: times }),
    async stop() {
      const closed = once(server, "close");
      server.close();
      server.closeAllConnections(); // idle keep-alive sockets (and delayed answers) would hold close() open
      await closed;
    },
  };

  async function range(req: IncomingMessage, res: ServerResponse, prefix: string): Promise<void> {
    requests.push({ path: req.url ?? "", headers: { ...req.headers } });
    const { fail, delay, garbage } = next;
    if (delay.left > 0) {
      delay.left -= 1;
      await new Promise((resolve) => setTimeout(resolve, delay.ms));
      if (res.destroyed) return;
    }
    if (fail.left > 0) {
      fail.left -= 1;
      res.writeHead(fail.status, { "Content-Type": "text/plain" });
      return void res.end("stub failure");
    }
    if (garbage.left > 0) {
      garbage.left -= 1;
      res.writeHead(200, { "Content-Type": "text/html" });
      return void res.end("<html><body>Service temporarily unavailable</body></html>");
    }
    const lines = new Map(ranges.get(prefix.toUpperCase()) ?? []);
    if (req.headers["add-padding"] === "true") {
      const bytes = randomBytes(18 * padding)
        .toString("hex")
        .toUpperCase();
      for (let i = 0; i < padding; i++) {
        const suffix = bytes.slice(i * 36, i * 36 + 35);
        if (!lines.has(suffix)) lines.set(suffix, 0);
      }
    }
    const body = [...lines]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([suffix, count]) => `${suffix}:${count}`)
      .join("\r\n");
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://stub.invalid");
    const prefix = /^\/range\/([0-9A-Fa-f]{5})$/.exec(url.pathname);
    if (prefix && req.method === "GET") return range(req, res, prefix[1]);
    if (url.pathname.startsWith("/range/")) {
      res.writeHead(400, { "Content-Type": "text/plain" });
      return void res.end("The hash prefix was not in a valid format");
    }
    const times = Number(url.searchParams.get("times") ?? 1);
    if (url.pathname === "/_stub/requests" && req.method === "GET") return sendJson(res, 200, requests);
    if (url.pathname === "/_stub/requests" && req.method === "DELETE") {
      stub.clear();
      return sendJson(res, 200, { ok: true });
    }
    if (url.pathname === "/_stub/fail-next" && req.method === "POST") {
      stub.failNextWith(Number(url.searchParams.get("status") ?? 500), times);
      return sendJson(res, 200, { ok: true });
    }
    if (url.pathname === "/_stub/delay-next" && req.method === "POST") {
      stub.delayNextBy(Number(url.searchParams.get("ms") ?? 2000), times);
      return sendJson(res, 200, { ok: true });
    }
    if (url.pathname === "/_stub/garbage-next" && req.method === "POST") {
      stub.garbageNext(times);
      return sendJson(res, 200, { ok: true });
    }
    sendJson(res, 404, { error: "not found" });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error("[pwned-range-stub]", e);
      if (!res.headersSent) sendJson(res, 500, { error: "stub error" });
    });
  });
  server.listen(opts.port ?? 0, "127.0.0.1");
  await once(server, "listening"); // rejects on "error" (a port in use)
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return stub;
}

/** For code that only knows the stub's URL (Playwright workers): the same controls over HTTP. */
export function connectPwnedRangeStub(url: string) {
  async function control(path: string, method = "POST"): Promise<unknown> {
    const res = await fetch(`${url}/_stub/${path}`, { method });
    if (res.ok) return res.json();
    throw new Error(`pwned range stub: ${method} /_stub/${path} answered ${res.status}`);
  }
  return {
    url,
    requests: () => control("requests", "GET") as Promise<StubRequest[]>,
    clear: () => control("requests", "DELETE").then(() => undefined),
    failNextWith: (status: number, times = 1) => control(`fail-next?status=${status}&times=${times}`).then(() => undefined),
    delayNextBy: (ms: number, times = 1) => control(`delay-next?ms=${ms}&times=${times}`).then(() => undefined),
    garbageNext: (times = 1) => control(`garbage-next?times=${times}`).then(() => undefined),
  };
}

// Run directly (tsx tests/support/pwned-range-stub.ts --port N [--padding N]), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { port: { type: "string", default: "0" }, padding: { type: "string" } } });
  const stub = await startPwnedRangeStub({
    port: Number(values.port),
    hashes: E2E_BREACHED_PASSWORDS,
    padding: values.padding === undefined ? undefined : Number(values.padding),
  });
  console.log(`Pwned Passwords range stub listening on ${stub.url}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stub.stop().finally(() => process.exit(0)));
}
