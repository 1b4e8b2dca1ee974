import { describe, expect, it } from "vitest";
import { depthOf, descendantIds, orderTree, subtreeHeight } from "@/server/admin/internal/department-tree";

const rows = [
  { id: "s", name: "Sales", parentId: null },
  { id: "e", name: "Engineering", parentId: null },
  { id: "b", name: "backend", parentId: "e" },
  { id: "a", name: "API", parentId: "b" },
  { id: "f", name: "Frontend", parentId: "e" },
  { id: "x", name: "Orphan", parentId: "gone" },
];

describe("department tree", () => {
  it("orders depth-first, siblings by name regardless of case, with paths", () => {
    expect(orderTree(rows).map((r) => [r.path, r.depth])).toEqual([
      ["Engineering", 0],
      ["Engineering / backend", 1],
      ["Engineering / backend / API", 2],
      ["Engineering / Frontend", 1],
      ["Orphan", 0],
      ["Sales", 0],
    ]);
  });

  it("finds every descendant, not the department itself", () => {
    expect([...descendantIds(rows, "e")].sort()).toEqual(["a", "b", "f"]);
    expect(descendantIds(rows, "a").size).toBe(0);
  });

  it("measures depth and subtree height", () => {
    expect(depthOf(rows, null)).toBe(0);
    expect(depthOf(rows, "a")).toBe(3);
    expect(subtreeHeight(rows, "e")).toBe(3);
    expect(subtreeHeight(rows, "s")).toBe(1);
  });

  it("survives a cycle in bad data", () => {
    const cyclic = [
      { id: "p", name: "P", parentId: "q" },
      { id: "q", name: "Q", parentId: "p" },
    ];
    expect(orderTree(cyclic).map((r) => r.path)).toEqual(["P", "P / Q"]);
    expect([...descendantIds(cyclic, "p")]).toEqual(["q"]);
    expect(depthOf(cyclic, "p")).toBe(2);
  });
});
