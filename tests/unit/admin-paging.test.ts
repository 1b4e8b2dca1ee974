import { describe, expect, it } from "vitest";
import { pageWindow } from "@/server/admin/internal/paging";

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
