import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "@/server/admin/csv";
import { pageWindow } from "@/server/admin/paging";

describe("csvCell (RFC 4180 + OWASP CSV injection)", () => {
  it.each([
    ["plain", "alice@example.com", '"alice@example.com"'],
    ["empty", "", '""'],
    ["null", null, '""'],
    ["number", 42, '"42"'],
    ["quote", 'say "hi"', '"say ""hi"""'],
    ["comma and newline", "a,b\nc", '"a,b\nc"'],
    ["formula =", "=1+2", '"\'=1+2"'],
    ["formula +", "+SUM(A1)", '"\'+SUM(A1)"'],
    ["formula -", "-2+3", '"\'-2+3"'],
    ["formula @", "@cmd", '"\'@cmd"'],
    ["leading tab", "\t=1", '"\'\t=1"'],
    ["leading CR", "\r=1", '"\'\r=1"'],
    ["formula with quotes", '=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["= later is fine", "a=b", '"a=b"'],
  ])("%s", (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("joins a line with commas and CRLF", () => {
    expect(csvLine(["a", "=b", null])).toBe('"a","\'=b",""\r\n');
  });
});

describe("pageWindow", () => {
  it.each([
    [0, undefined, { page: 1, pageCount: 1, skip: 0 }],
    [125, 1, { page: 1, pageCount: 5, skip: 0 }],
    [125, 5, { page: 5, pageCount: 5, skip: 100 }],
    [125, 6, { page: 5, pageCount: 5, skip: 100 }],
    [125, -1, { page: 1, pageCount: 5, skip: 0 }],
    [125, Number.NaN, { page: 1, pageCount: 5, skip: 0 }],
    [125, 2.5, { page: 1, pageCount: 5, skip: 0 }],
  ])("total %i, page %s", (total, requested, expected) => {
    expect(pageWindow(total, requested, 25)).toEqual({ ...expected, pageSize: 25 });
  });
});
