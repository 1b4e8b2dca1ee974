import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { metrics } from "@/server/observability/metrics";
import { createBreachScreen } from "@/server/passwords/breached/internal/breach-screen";
import { RangeCache } from "@/server/passwords/breached/internal/range-api";
import { screenPassword } from "@/server/passwords/breached";
import { captureLogs } from "../support/logs";
import { connectPwnedRangeStub, startPwnedRangeStub, stubSha1, type PwnedRangeStub } from "../support/pwned-range-stub";

/**
 * screenPassword (SECURITY.md "Passwords") against a local range stub, never the internet: the k-anonymity
 * request, the answer's padding, the cache, and the shipped list judging whenever the API cannot.
 */
const BREACHED = "Tr0ub4dor&3xyz!";
const NOT_BREACHED = "Quiet#Orchard2026";
/** In the shipped list (a common password), not in the stub: tells the fallback's verdict from the API's. */
const COMMON = "password123";
/** Listed by the stub with count 0, as padding is. */
const PADDING_ONLY = "Padded#Lantern2026";

let stub: PwnedRangeStub;
const fallbacks = async (reason: string) =>
  (await metrics().breachFallbacks.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;
/** A check with its own empty cache and a short timeout (so no test waits the real second). */
const fresh = (timeoutMs = 1000) => createBreachScreen({ setting: "hibp", apiUrl: stub.url, timeoutMs, cache: new RangeCache() });

beforeAll(async () => {
  stub = await startPwnedRangeStub({
    hashes: [BREACHED, stubSha1("correct horse battery staple")],
    zeroCount: [PADDING_ONLY],
    padding: 25,
  });
});
afterAll(() => stub.stop());
beforeEach(() => stub.clear());

describe("hibp: the range API by k-anonymity", () => {
  it("a listed password is breached, another is not", async () => {
    const screen = fresh();
    expect(await screen(BREACHED)).toEqual({ breached: true, source: "hibp" });
    expect(await screen("correct horse battery staple")).toEqual({ breached: true, source: "hibp" });
    expect(await screen(NOT_BREACHED)).toEqual({ breached: false, source: "hibp" });
    expect(await screen(COMMON)).toEqual({ breached: false, source: "hibp" }); // the API judges, not the shipped list
  });

  it("hashes the NFKC form (a fullwidth spelling is the same password)", async () => {
    expect(await fresh()("Ｔｒ０ｕｂ４ｄｏｒ＆３ｘｙｚ！")).toEqual({ breached: true, source: "hibp" });
  });

  it("sends only the first 5 hex of the hash, with Add-Padding: true", async () => {
    await fresh()(BREACHED);
    const [request, ...more] = stub.requests();
    expect(more).toEqual([]);
    expect(request.path).toBe(`/range/${stubSha1(BREACHED).slice(0, 5)}`);
    expect(request.headers["add-padding"]).toBe("true");
    expect(JSON.stringify(request)).not.toContain(stubSha1(BREACHED).slice(5, 12));
  });

  it("a suffix listed only as padding (count 0) is not breached", async () => {
    expect(await fresh()(PADDING_ONLY)).toEqual({ breached: false, source: "hibp" });
    expect(stub.requests()).toHaveLength(1);
  });

  it("keeps a range: a second check under the same prefix asks nothing", async () => {
    const later = "Breached#Later2026"; // listed by the stub only once its range is kept
    const screen = fresh();
    await screen(later);
    expect(await screen(later)).toEqual({ breached: false, source: "hibp" });
    expect(stub.requests()).toHaveLength(1);
    stub.add([later]); // the kept range still says no until it expires
    expect(await screen(later)).toEqual({ breached: false, source: "hibp" });
    expect(await fresh()(later)).toEqual({ breached: true, source: "hibp" });
    expect(stub.requests()).toHaveLength(2);
    expect(await screen(BREACHED)).toEqual({ breached: true, source: "hibp" });
    expect(stub.requests()).toHaveLength(3);
  });
});

describe("hibp unavailable: the shipped list judges", () => {
  it("after the timeout (a slow API), counted and logged without the password or its prefix", async () => {
    const before = await fallbacks("timeout");
    const logs = captureLogs("warn");
    try {
      stub.delayNextBy(2_000, 2);
      const screen = fresh(50);
      expect(await screen(COMMON)).toEqual({ breached: true, source: "shipped", fallback: "timeout" });
      expect(await screen(BREACHED)).toEqual({ breached: false, source: "shipped", fallback: "timeout" });
    } finally {
      logs.restore();
    }
    expect(await fallbacks("timeout")).toBe(before + 2);
    expect(logs.lines).toHaveLength(2);
    expect(logs.lines[0]).toMatchObject({ level: "warn", component: "breached-passwords", reason: "timeout", mode: "hibp" });
    for (const secret of [COMMON, BREACHED, stubSha1(COMMON).slice(0, 5), stubSha1(BREACHED).slice(0, 5)]) {
      expect(logs.text()).not.toContain(secret);
    }
  });

  it.each([500, 503, 429, 404])("after an HTTP %i", async (status) => {
    const before = await fallbacks("error");
    stub.failNextWith(status);
    const screen = fresh();
    expect(await screen(NOT_BREACHED)).toEqual({ breached: false, source: "shipped", fallback: "error" });
    expect(await fallbacks("error")).toBe(before + 1);
    // A failure is not kept: the next check asks again, and the API judges.
    expect(await screen(NOT_BREACHED)).toEqual({ breached: false, source: "hibp" });
    expect(stub.requests()).toHaveLength(2);
  });

  it("after an answer that is not a range", async () => {
    const before = await fallbacks("bad_response");
    stub.garbageNext();
    expect(await fresh()(COMMON)).toEqual({ breached: true, source: "shipped", fallback: "bad_response" });
    expect(await fallbacks("bad_response")).toBe(before + 1);
  });

  it("the stub's HTTP controls (what an e2e spec uses) do the same", async () => {
    const remote = connectPwnedRangeStub(stub.url);
    await remote.delayNextBy(2_000);
    await remote.failNextWith(503);
    await remote.garbageNext();
    const screen = fresh(50);
    expect(await screen(COMMON)).toMatchObject({ source: "shipped", fallback: "timeout" });
    expect(await screen(COMMON)).toMatchObject({ source: "shipped", fallback: "error" });
    expect(await screen(COMMON)).toMatchObject({ source: "shipped", fallback: "bad_response" });
    expect((await remote.requests()).map((r) => r.path)).toEqual(Array(3).fill(`/range/${stubSha1(COMMON).slice(0, 5)}`));
    await remote.clear();
    expect(await remote.requests()).toEqual([]);
  });

  it("when nothing listens", async () => {
    const closed = await startPwnedRangeStub();
    await closed.stop();
    const screen = createBreachScreen({ setting: "hibp", apiUrl: closed.url, timeoutMs: 1000 });
    expect(await screen(COMMON)).toEqual({ breached: true, source: "shipped", fallback: "error" });
  });

  it("never throws, even when the shipped list itself cannot be read", async () => {
    stub.failNextWith(500);
    const screen = createBreachScreen({ setting: "hibp", apiUrl: stub.url, shippedList: "/nonexistent/list.txt" });
    expect(await screen(COMMON)).toEqual({ breached: false, source: "shipped", fallback: "error" });
  });
});

describe("screenPassword, by BREACHED_PASSWORDS", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "postkey-breach-"));
  const saved = { mode: process.env.BREACHED_PASSWORDS, url: process.env.BREACHED_PASSWORDS_API_URL };
  const configure = (mode: string | undefined, url?: string) => {
    if (mode === undefined) delete process.env.BREACHED_PASSWORDS;
    else process.env.BREACHED_PASSWORDS = mode;
    if (url === undefined) delete process.env.BREACHED_PASSWORDS_API_URL;
    else process.env.BREACHED_PASSWORDS_API_URL = url;
    resetEnvCache();
  };
  afterEach(() => configure(saved.mode, saved.url));

  it("unset: the shipped list (offline)", async () => {
    configure(undefined);
    expect(await screenPassword(COMMON)).toEqual({ breached: true, source: "shipped" });
    expect(await screenPassword("PASSWORD123")).toEqual({ breached: false, source: "shipped" }); // listed as typed and lower-cased only
    expect(await screenPassword(BREACHED)).toEqual({ breached: false, source: "shipped" });
  });

  it("off: nothing is checked", async () => {
    configure("off", stub.url);
    expect(await screenPassword(COMMON)).toEqual({ breached: false, source: "off" });
    expect(stub.requests()).toEqual([]);
  });

  it("hibp: the configured API", async () => {
    configure("hibp", stub.url);
    expect(await screenPassword(BREACHED)).toEqual({ breached: true, source: "hibp" });
    expect(await screenPassword(COMMON)).toEqual({ breached: false, source: "hibp" });
    expect(stub.requests().length).toBeGreaterThan(0);
  });

  it("file: a local sorted list, CRLF, count 0 not breached", async () => {
    const file = path.join(dir, "pwned.txt");
    const lines = [`${stubSha1(BREACHED)}:9`, `${stubSha1(PADDING_ONLY)}:0`, `${stubSha1("zz")}:1`].sort();
    writeFileSync(file, `${lines.join("\r\n")}\r\n`);
    configure(`file:${file}`);
    expect(await screenPassword(BREACHED)).toEqual({ breached: true, source: "file" });
    expect(await screenPassword(PADDING_ONLY)).toEqual({ breached: false, source: "file" });
    expect(await screenPassword(COMMON)).toEqual({ breached: false, source: "file" });
  });
});
