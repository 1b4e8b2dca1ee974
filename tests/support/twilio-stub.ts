/**
 * A Twilio-compatible stub of the one endpoint Postkey uses (Create Message),
 * so tests run the real `twilio` SDK against it (TWILIO_API_BASE_URL) and read
 * back what was "sent".
 *
 *   POST   /2010-04-01/Accounts/{sid}/Messages.json  form To, From, Body; HTTP Basic sid:token
 *   GET    /_stub/messages[?to=+1...]                captured messages, oldest first
 *   DELETE /_stub/messages                           forget them (and any pending failures)
 *   POST   /_stub/fail-next?status=500&times=2       the next N creates answer with that status
 *   POST   /_stub/delay-next?ms=3000&times=2         the next N creates answer only after that long (a slow provider)
 *   GET    /_stub/attempts                          {"count"}: create requests received (retries included)
 *
 * Magic "To" numbers answer Twilio's error JSON instead of sending:
 *   +15005550001  21211 invalid number                    (400)
 *   +15005550009  21614 cannot receive SMS                (400)
 *   +15005550010  21408 region not permitted              (400)
 *   +15005550011  21610 recipient unsubscribed (STOP)     (400)
 *   +15005550012  21612 not reachable by SMS              (400)
 *   +15005550029  20429 too many requests                 (429)
 *   +15005550050  20500 internal server error, every time (500)
 *
 * CLI (end-to-end web server setup): `tsx tests/support/twilio-stub.ts --port 4010`
 * [--account-sid AC...] [--auth-token ...] prints the URL and runs until killed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import { appendFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

export const TWILIO_STUB_ACCOUNT_SID = "AC00000000000000000000000000000001";
export const TWILIO_STUB_AUTH_TOKEN = "stub-auth-token-0123456789abcdef";
export const TWILIO_STUB_FROM = "+15005550006";

export const STUB_NUMBER_INVALID = "+15005550001";
export const STUB_NUMBER_NOT_SMS_CAPABLE = "+15005550009";
export const STUB_NUMBER_REGION_BLOCKED = "+15005550010";
export const STUB_NUMBER_UNSUBSCRIBED = "+15005550011";
export const STUB_NUMBER_UNROUTABLE = "+15005550012";
export const STUB_NUMBER_RATE_LIMITED = "+15005550029";
export const STUB_NUMBER_SERVER_ERROR = "+15005550050";

interface StubError {
  status: number;
  code: number;
  message: string;
}

const MAGIC: Record<string, StubError> = {
  [STUB_NUMBER_INVALID]: { status: 400, code: 21211, message: `The 'To' number ${STUB_NUMBER_INVALID} is not a valid phone number.` },
  [STUB_NUMBER_NOT_SMS_CAPABLE]: { status: 400, code: 21614, message: "'To' number is not a valid mobile number" },
  [STUB_NUMBER_REGION_BLOCKED]: {
    status: 400,
    code: 21408,
    message: "Permission to send an SMS has not been enabled for the region indicated by the 'To' number",
  },
  [STUB_NUMBER_UNSUBSCRIBED]: { status: 400, code: 21610, message: "Attempt to send to unsubscribed recipient" },
  [STUB_NUMBER_UNROUTABLE]: { status: 400, code: 21612, message: "The 'To' phone number is not currently reachable via SMS" },
  [STUB_NUMBER_RATE_LIMITED]: { status: 429, code: 20429, message: "Too Many Requests" },
  [STUB_NUMBER_SERVER_ERROR]: { status: 500, code: 20500, message: "Internal Server Error" },
};

/** The error a forced failure (fail-next) answers with, by HTTP status. */
function errorForStatus(status: number): StubError {
  if (status === 429) return MAGIC[STUB_NUMBER_RATE_LIMITED];
  if (status === 401) return { status, code: 20003, message: "Authenticate" };
  return { status, code: status >= 500 ? 20500 : 21211, message: status >= 500 ? "Internal Server Error" : "Bad Request" };
}

export interface StubMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  status: "queued";
  dateCreated: string;
}

export interface TwilioStub {
  url: string;
  messages: StubMessage[];
  /** Create-message requests received since start or clear(), failed ones and retries included. */
  attempts(): number;
  clear(): void;
  failNextWith(status: number, times?: number): void;
  delayNextBy(ms: number, times?: number): void;
  stop(): Promise<void>;
}

export interface TwilioStubOptions {
  port?: number;
  accountSid?: string;
  authToken?: string;
  /** Appends each accepted message ({to, body}) as a JSON line: the e2e log-secrets check learns the codes sent. */
  recordFile?: string;
}

/** Twilio's dates are RFC 2822 with a numeric zone. */
function rfc2822(d: Date): string {
  return d.toUTCString().replace("GMT", "+0000");
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, e: StubError): void {
  sendJson(res, e.status, {
    code: e.code,
    message: e.message,
    more_info: `https://www.twilio.com/docs/errors/${e.code}`,
    status: e.status,
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startTwilioStub(opts: TwilioStubOptions = {}): Promise<TwilioStub> {
  const accountSid = opts.accountSid ?? TWILIO_STUB_ACCOUNT_SID;
  const authToken = opts.authToken ?? TWILIO_STUB_AUTH_TOKEN;
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  const messages: StubMessage[] = [];
  let failures: { status: number; left: number } | undefined;
  let delays: { ms: number; left: number } | undefined;
  let attempts = 0;

  const stub: TwilioStub = {
    url: "",
    messages,
    attempts: () => attempts,
    clear() {
      messages.length = 0;
      failures = undefined;
      delays = undefined;
      attempts = 0;
    },
    delayNextBy(ms, times = 1) {
      delays = { ms, left: times };
    },
    failNextWith(status, times = 1) {
      failures = { status, left: times };
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections(); // idle keep-alive sockets would hold close() open
      }),
  };

  async function createMessage(req: IncomingMessage, res: ServerResponse, sid: string): Promise<void> {
    attempts += 1;
    if (req.headers.authorization !== expectedAuth) return sendError(res, errorForStatus(401));
    if (sid !== accountSid) return sendError(res, { status: 404, code: 20404, message: "The requested resource was not found" });
    const form = new URLSearchParams(await readBody(req));
    const to = form.get("To") ?? "";
    const from = form.get("From") ?? "";
    const body = form.get("Body") ?? "";
    if (!to) return sendError(res, { status: 400, code: 21604, message: "A 'To' phone number is required." });
    if (!from) return sendError(res, { status: 400, code: 21603, message: "A 'From' phone number is required." });
    if (!body) return sendError(res, { status: 400, code: 21602, message: "Message body is required." });
    if (delays && delays.left > 0) {
      delays.left -= 1;
      await new Promise((resolve) => setTimeout(resolve, delays!.ms));
      if (res.destroyed) return;
    }
    if (failures && failures.left > 0) {
      failures.left -= 1;
      return sendError(res, errorForStatus(failures.status));
    }
    const magic = MAGIC[to];
    if (magic) return sendError(res, magic);

    const created = new Date();
    const message: StubMessage = {
      sid: `SM${randomBytes(16).toString("hex")}`,
      accountSid,
      to,
      from,
      body,
      status: "queued",
      dateCreated: created.toISOString(),
    };
    messages.push(message);
    if (opts.recordFile) appendFileSync(opts.recordFile, `${JSON.stringify({ to, body })}\n`);
    const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`;
    sendJson(res, 201, {
      account_sid: accountSid,
      api_version: "2010-04-01",
      body,
      date_created: rfc2822(created),
      date_sent: null,
      date_updated: rfc2822(created),
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from,
      messaging_service_sid: null,
      num_media: "0",
      num_segments: "1",
      price: null,
      price_unit: "USD",
      sid: message.sid,
      status: "queued",
      subresource_uris: { media: uri.replace(/\.json$/, "/Media.json") },
      to,
      uri,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://stub.invalid");
    const create = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
    if (create && req.method === "POST") return createMessage(req, res, decodeURIComponent(create[1]));
    if (url.pathname === "/_stub/messages" && req.method === "GET") {
      const to = url.searchParams.get("to");
      return sendJson(res, 200, to ? messages.filter((m) => m.to === to) : messages);
    }
    if (url.pathname === "/_stub/messages" && req.method === "DELETE") {
      stub.clear();
      return sendJson(res, 200, { ok: true });
    }
    if (url.pathname === "/_stub/attempts" && req.method === "GET") return sendJson(res, 200, { count: attempts });
    if (url.pathname === "/_stub/delay-next" && req.method === "POST") {
      stub.delayNextBy(Number(url.searchParams.get("ms") ?? 1000), Number(url.searchParams.get("times") ?? 1));
      return sendJson(res, 200, { ok: true });
    }
    if (url.pathname === "/_stub/fail-next" && req.method === "POST") {
      const status = Number(url.searchParams.get("status") ?? 500);
      const times = Number(url.searchParams.get("times") ?? 1);
      stub.failNextWith(status, times);
      return sendJson(res, 200, { ok: true });
    }
    sendError(res, { status: 404, code: 20404, message: "The requested resource was not found" });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error("[twilio-stub]", e);
      if (!res.headersSent) sendError(res, errorForStatus(500));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return stub;
}

/** For code that only knows the stub's URL (test workers, Playwright): the same controls over HTTP. */
export function connectTwilioStub(url: string) {
  const call = async (path: string, method: string) => {
    const res = await fetch(new URL(path, url), { method });
    if (!res.ok) throw new Error(`twilio stub ${method} ${path}: HTTP ${res.status}`);
    return res.json() as Promise<unknown>;
  };
  return {
    url,
    messages: async (to?: string) => (await call(`/_stub/messages${to ? `?to=${encodeURIComponent(to)}` : ""}`, "GET")) as StubMessage[],
    attempts: async () => ((await call("/_stub/attempts", "GET")) as { count: number }).count,
    clear: async () => void (await call("/_stub/messages", "DELETE")),
    failNextWith: async (status: number, times = 1) => void (await call(`/_stub/fail-next?status=${status}&times=${times}`, "POST")),
    delayNextBy: async (ms: number, times = 1) => void (await call(`/_stub/delay-next?ms=${ms}&times=${times}`, "POST")),
  };
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

// Run directly (tsx tests/support/twilio-stub.ts --port N), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const stub = await startTwilioStub({
    port: Number(argValue("--port") ?? 0),
    accountSid: argValue("--account-sid"),
    authToken: argValue("--auth-token"),
  });
  console.log(`Twilio stub listening on ${stub.url}`);
  const shutdown = () => void stub.stop().finally(() => process.exit(0));
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
