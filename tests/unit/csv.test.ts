import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { csvCell, csvDocument, csvLine } from "@/lib/csv";

describe("csvCell (RFC 4180 + OWASP CSV injection)", () => {
  it.each([
    ["plain", "alice@example.com", '"alice@example.com"'],
    ["empty", "", '""'],
    ["null", null, '""'],
    ["number", 42, '"42"'],
    ["quote", 'say "hi"', '"say ""hi"""'],
    ["comma and newline", "a,b\nc", '"a,b\nc"'],
    ["CRLF inside", "a\r\nb", '"a\r\nb"'],
    ["formula =", "=1+2", '"\'=1+2"'],
    ["formula +", "+SUM(A1)", '"\'+SUM(A1)"'],
    ["formula -", "-2+3", '"\'-2+3"'],
    ["formula @", "@cmd", '"\'@cmd"'],
    ["leading tab", "\t=1", '"\'\t=1"'],
    ["leading CR", "\r=1", '"\'\r=1"'],
    ["formula with quotes", '=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["formula with a comma", "=1,2", '"\'=1,2"'],
    ["= later is fine", "a=b", '"a=b"'],
  ])("%s", (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("joins a line with commas and CRLF, and a document of lines", () => {
    expect(csvLine(["a", "=b", null])).toBe('"a","\'=b",""\r\n');
    expect(
      csvDocument([
        ["address", "password"],
        ["=evil@example.com", '-Pass,word"1'],
      ]),
    ).toBe('"address","password"\r\n"\'=evil@example.com","\'-Pass,word""1"\r\n');
  });
});

describe("one CSV writer for the server and the browser", () => {
  const root = path.resolve(import.meta.dirname, "../../src");
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
    });

  it("no other file quotes CSV cells itself; the audit export and the bulk reset's file use src/lib/csv.ts", () => {
    const own = files(root).filter(
      (f) => !f.endsWith(path.join("lib", "csv.ts")) && /function csv\w*\(|text\/csv[^"]*,/.test(readFileSync(f, "utf8")),
    );
    expect(own.map((f) => path.relative(root, f))).toEqual([]);
    for (const user of ["server/admin/export-audit-events.ts", "components/admin/bulk-accounts.tsx"])
      expect(readFileSync(path.join(root, user), "utf8")).toMatch(/from "@\/lib\/csv"/);
  });

  it("the bulk reset's file is a Blob URL revoked after use (CsvDownload), never a data: URL in the page", () => {
    const bulk = readFileSync(path.join(root, "components/admin/bulk-accounts.tsx"), "utf8");
    expect(bulk).not.toMatch(/data:/);
    expect(bulk).toMatch(/<CsvDownload csv=\{csv\}/);
    const download = readFileSync(path.join(root, "components/admin/csv-download.tsx"), "utf8");
    expect(download).toMatch(/URL\.createObjectURL\(new Blob\(/);
    expect(download.match(/URL\.revokeObjectURL\(/g)).toHaveLength(2); // after the click, and on unmount
  });
});
