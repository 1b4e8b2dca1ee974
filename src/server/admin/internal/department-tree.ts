// Pure helpers for a domain's department tree (rows with parentId). Kept
// apart from the queries so the ordering and the cycle rule are unit-tested.

export interface DepartmentNode {
  id: string;
  name: string;
  parentId: string | null;
}

export type TreeRow<T extends DepartmentNode> = T & { depth: number; path: string };

const PATH_SEPARATOR = " / ";

const byName = (a: DepartmentNode, b: DepartmentNode) =>
  a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.id.localeCompare(b.id);

/** Depth-first, siblings by name; each row with its depth and full path ("Engineering / Backend"). */
export function orderTree<T extends DepartmentNode>(rows: readonly T[]): TreeRow<T>[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const r of rows) {
    // A parent outside the list (should not happen) makes the row a root rather than hiding it.
    const parent = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: TreeRow<T>[] = [];
  const seen = new Set<string>();
  const place = (r: T, depth: number, prefix: string) => {
    if (seen.has(r.id)) return;
    seen.add(r.id);
    const path = prefix ? `${prefix}${PATH_SEPARATOR}${r.name}` : r.name;
    out.push({ ...r, depth, path });
    for (const c of [...(children.get(r.id) ?? [])].sort(byName)) place(c, depth + 1, path);
  };
  for (const r of [...(children.get(null) ?? [])].sort(byName)) place(r, 0, "");
  // Rows caught in a cycle (bad data) have no root: show them at the top rather than hide them.
  for (const r of [...rows].sort(byName)) place(r, 0, "");
  return out;
}

/** Every department below `id` (not `id` itself). */
export function descendantIds(rows: readonly DepartmentNode[], id: string): Set<string> {
  const found = new Set<string>();
  let frontier = [id];
  while (frontier.length) {
    const next = rows.filter((r) => r.parentId !== null && frontier.includes(r.parentId) && !found.has(r.id) && r.id !== id);
    for (const r of next) found.add(r.id);
    frontier = next.map((r) => r.id);
  }
  return found;
}

/** Depth of a department counted from 1 at the top level. */
export function depthOf(rows: readonly DepartmentNode[], id: string | null): number {
  let depth = 0;
  const seen = new Set<string>();
  for (let cur = id; cur && !seen.has(cur); cur = rows.find((r) => r.id === cur)?.parentId ?? null) {
    seen.add(cur);
    depth++;
  }
  return depth;
}

/** How many levels the subtree under `id` spans, `id` included (1 for a leaf). */
export function subtreeHeight(rows: readonly DepartmentNode[], id: string): number {
  const kids = rows.filter((r) => r.parentId === id);
  return 1 + Math.max(0, ...kids.map((k) => subtreeHeight(rows, k.id)));
}
