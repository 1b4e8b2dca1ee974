import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/env";
import { passwordSha1 } from "@/server/passwords/breached/internal/password-sha1";
import { parseRange, RangeCache, rangeHas } from "@/server/passwords/breached/internal/range-api";
import { shippedListPath } from "@/server/passwords/breached/internal/shipped-list";
import { hashListCount } from "@/server/passwords/breached/internal/sorted-hash-file";
import { DEMO_ACCOUNTS, DEMO_OPERATORS } from "@/server/seed/demo-data";
import { shippedBreachListText } from "../../scripts/make-shipped-breach-list";
import { E2E_BREACHED_PASSWORDS } from "../support/pwned-range-stub";

const sha1 = (s: string) => createHash("sha1").update(s, "utf8").digest("hex").toUpperCase();
const dir = mkdtempSync(path.join(tmpdir(), "postkey-breach-"));
let files = 0;

/** A list file of these hashes (sorted here), each `HASH:count` with the given line ending. */
function listFile(hashes: string[], opts: { eol?: string; count?: (h: string, i: number) => number; trailing?: boolean } = {}): string {
  const eol = opts.eol ?? "\n";
  const lines = [...hashes].sort().map((h, i) => `${h}:${opts.count?.(h, i) ?? i + 1}`);
  const file = path.join(dir, `list-${(files += 1)}.txt`);
  writeFileSync(file, lines.join(eol) + (opts.trailing === false ? "" : eol));
  return file;
}

/** n distinct random-looking hashes (deterministic: the SHA-1 of their index). */
const manyHashes = (n: number, salt = "h") => Array.from({ length: n }, (_, i) => sha1(`${salt}${i}`));

describe("passwordSha1", () => {
  it("is the uppercase SHA-1 of the UTF-8 bytes", () => {
    expect(passwordSha1("password")).toBe("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8");
  });

  it("hashes the NFKC form: compatibility and composed forms hash alike", () => {
    expect(passwordSha1("ｐａｓｓｗｏｒｄ")).toBe(passwordSha1("password")); // fullwidth letters
    expect(passwordSha1("Cafe\u0301#2026")).toBe(sha1("Caf\u00e9#2026"));
    expect(passwordSha1("Cafe\u0301#2026")).not.toBe(sha1("Cafe\u0301#2026"));
  });
});

describe("sorted SHA-1 list on disk", () => {
  const hashes = manyHashes(5000).sort();

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
  ])("finds the first, the last and middle lines and their counts (%s)", async (_, eol) => {
    const file = listFile(hashes, { eol });
    expect(await hashListCount(file, hashes[0])).toBe(1);
    expect(await hashListCount(file, hashes[4999])).toBe(5000);
    for (const i of [1, 17, 1234, 2500, 4321, 4998]) expect(await hashListCount(file, hashes[i])).toBe(i + 1);
  });

  it("misses before the first line, after the last and between lines", async () => {
    const file = listFile(hashes, { eol: "\r\n" });
    expect(await hashListCount(file, "0".repeat(40))).toBe(0);
    expect(await hashListCount(file, "F".repeat(40))).toBe(0);
    for (const h of manyHashes(200, "miss")) expect(await hashListCount(file, h)).toBe(0);
  });

  it("reads a last line without a line ending, and a one-line list", async () => {
    const file = listFile(hashes, { trailing: false });
    expect(await hashListCount(file, hashes[4999])).toBe(5000);
    const one = listFile([hashes[7]], { trailing: false, eol: "\r\n" });
    expect(await hashListCount(one, hashes[7])).toBe(1);
    expect(await hashListCount(one, hashes[8])).toBe(0);
  });

  it("every listed hash is found and counts 0 stay 0 (the search never skips a line)", async () => {
    const small = manyHashes(400, "all").sort();
    const file = listFile(small, { count: (_, i) => (i % 3 === 0 ? 0 : 7) });
    const counts = await Promise.all(small.map((h) => hashListCount(file, h)));
    expect(counts).toEqual(small.map((_, i) => (i % 3 === 0 ? 0 : 7)));
  });

  it("refuses a file that is not a HASH:COUNT list (an NTLM list: 32 hex)", async () => {
    const file = path.join(dir, "ntlm.txt");
    writeFileSync(
      file,
      `${manyHashes(3000)
        .map((h) => `${h.slice(0, 32)}:3`)
        .sort()
        .join("\n")}\n`,
    );
    await expect(hashListCount(file, hashes[3])).rejects.toThrow("not a sorted SHA-1 list");
  });
});

describe("the shipped list", () => {
  it("is what npm run data:breach-list writes (it cannot drift from the common-password package)", () => {
    expect(readFileSync(shippedListPath(), "utf8") === shippedBreachListText()).toBe(true);
  });

  it("lists common passwords as typed and lower-cased", async () => {
    expect(await hashListCount(shippedListPath(), passwordSha1("password"))).toBe(1);
    expect(await hashListCount(shippedListPath(), passwordSha1("qwerty123"))).toBe(1);
    expect(await hashListCount(shippedListPath(), passwordSha1("Blue#Harbor2026-not-common"))).toBe(0);
  });

  it("lists no demo password and neither of the e2e run's breached passwords", async () => {
    const demo = [...DEMO_ACCOUNTS.map((a) => a.password), ...DEMO_OPERATORS.map((o) => o.password)];
    for (const p of [...demo, ...E2E_BREACHED_PASSWORDS]) expect(await hashListCount(shippedListPath(), passwordSha1(p)), p).toBe(0);
    for (const p of E2E_BREACHED_PASSWORDS) expect(demo).not.toContain(p);
  });
});

describe("a range answer", () => {
  const suffix = (h: string) => h.slice(5);
  const [a, b, c] = manyHashes(3, "range");

  it("lists the suffixes counted above 0, LF or CRLF; padding (count 0) never matches", () => {
    for (const eol of ["\n", "\r\n"]) {
      const range = parseRange([`${suffix(a)}:3`, `${suffix(b)}:0`, `${suffix(c).toLowerCase()}:12`].join(eol) + eol);
      expect(range).not.toBeNull();
      expect(rangeHas(range!, suffix(a))).toBe(true);
      expect(rangeHas(range!, suffix(b))).toBe(false);
      expect(rangeHas(range!, suffix(c))).toBe(true);
      expect(rangeHas(range!, suffix(sha1("other")))).toBe(false);
    }
  });

  it.each([
    ["HTML", "<html>busy</html>"],
    ["a full hash", `${a}:3`],
    ["no count", suffix(a)],
    ["a negative count", `${suffix(a)}:-1`],
    ["an empty body (a proxy's 200, never a real range)", ""],
    ["blank lines only", "\r\n\r\n"],
  ])("refuses %s", (_, body) => {
    expect(parseRange(body)).toBeNull();
  });
});

describe("the range cache", () => {
  afterEach(() => vi.useRealTimers());
  const range = (n: number) => Buffer.alloc(18 * n);

  it("evicts the least recently used past its count", () => {
    const cache = new RangeCache(2);
    cache.set("AAAAA", range(1));
    cache.set("BBBBB", range(1));
    expect(cache.get("AAAAA")).toBeDefined(); // A is now the most recent
    cache.set("CCCCC", range(1));
    expect(cache.get("BBBBB")).toBeUndefined();
    expect(cache.get("AAAAA")).toBeDefined();
    expect(cache.get("CCCCC")).toBeDefined();
  });

  it("keeps its bytes bounded", () => {
    const cache = new RangeCache(100, 18 * 10);
    for (const p of ["00000", "00001", "00002"]) cache.set(p, range(4));
    expect(cache.size).toBe(2);
    expect(cache.get("00000")).toBeUndefined();
  });

  it("forgets a range after its time to live (the clock of src/server/clock.ts)", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-01T10:00:00Z"));
    const cache = new RangeCache(10, 1 << 20, 60 * 60 * 1000);
    cache.set("ABCDE", range(1));
    vi.setSystemTime(new Date("2026-03-01T10:59:59Z"));
    expect(cache.get("ABCDE")).toBeDefined();
    vi.setSystemTime(new Date("2026-03-01T11:00:01Z"));
    expect(cache.get("ABCDE")).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

describe("BREACHED_PASSWORDS (src/env.ts)", () => {
  const base = {
    APP_ENV: "development",
    DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postkey",
    SESSION_SECRET: "x".repeat(32),
    DATA_ENCRYPTION_KEY: "dGVzdC1kYXRhLWtleS0wMTIzNDU2Nzg5LWFiY2RlZmdoaWo=",
  };

  it("is unset by default (the shipped list), with the real API's URL", () => {
    expect(parseEnv(base).BREACHED_PASSWORDS).toBeUndefined();
    expect(parseEnv(base).BREACHED_PASSWORDS_API_URL).toBe("https://api.pwnedpasswords.com");
    expect(parseEnv({ ...base, BREACHED_PASSWORDS: "" }).BREACHED_PASSWORDS).toBeUndefined();
  });

  it("accepts off, hibp and file: with a readable list", () => {
    const file = listFile(manyHashes(3));
    for (const v of ["off", "hibp", `file:${file}`]) expect(parseEnv({ ...base, BREACHED_PASSWORDS: v }).BREACHED_PASSWORDS).toBe(v);
  });

  it.each([
    ["on", "BREACHED_PASSWORDS: must be off, hibp or file:<path"],
    ["HIBP", "BREACHED_PASSWORDS: must be off, hibp or file:<path"],
    ["file:", "BREACHED_PASSWORDS: file: needs a path"],
    ["file:/nonexistent/pwned.txt", "BREACHED_PASSWORDS: file:/nonexistent/pwned.txt cannot be read (ENOENT)"],
  ])("refuses %s with a message naming the variable", (value, message) => {
    expect(() => parseEnv({ ...base, BREACHED_PASSWORDS: value })).toThrow(message);
  });

  it("refuses a folder and a file that is not a SHA-1 list", () => {
    const ntlm = path.join(dir, "ntlm-head.txt");
    writeFileSync(ntlm, "8846F7EAEE8FB117AD06BDD830B7586C:10\n");
    expect(() => parseEnv({ ...base, BREACHED_PASSWORDS: `file:${dir}` })).toThrow("is not a file");
    expect(() => parseEnv({ ...base, BREACHED_PASSWORDS: `file:${ntlm}` })).toThrow("does not start with a HASH:COUNT line");
  });

  it("refuses an API URL that is not a URL", () => {
    expect(() => parseEnv({ ...base, BREACHED_PASSWORDS_API_URL: "api.pwnedpasswords" })).toThrow("BREACHED_PASSWORDS_API_URL");
  });
});
