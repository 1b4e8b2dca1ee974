import { beforeEach, describe, expect, it } from "vitest";
import { deleteDepartment } from "@/server/admin/delete-department";
import { listDepartments } from "@/server/admin/list-departments";
import { saveDepartment, type SaveDepartmentResult } from "@/server/admin/save-department";
import { AuditAction } from "@/server/audit/audit-action";
import { getDb } from "@/server/db";
import { msg } from "@/lib/message-ref";
import { translateFieldErrors } from "@/web/i18n";
import { accountByAddress, auditActions, freshDemo, meta } from "../support/fixtures";
import { tEn } from "../support/i18n";
import { postmasterFor } from "../support/postmaster";
import { resolvePostmaster } from "@/server/admin/postmaster";
import { DEMO } from "../support/demo-accounts";

/** A refused save's field errors as the form shows them (in English): the action words the domain core's references. */
const shown = (r: SaveDepartmentResult) => (!r.ok && r.error === "invalid" ? translateFieldErrors(tEn, r.fieldErrors) : r);

describe("Departments", () => {
  let pm: Awaited<ReturnType<typeof accountByAddress>>;
  const save = async (name: string, parentId: string | null = null, id?: string) =>
    saveDepartment({ postmaster: await postmasterFor(pm.id), id, name, parentId }, meta);
  const created = async (name: string, parentId: string | null = null) => {
    const r = await save(name, parentId);
    if (!r.ok) throw new Error(`could not create ${name}: ${JSON.stringify(r)}`);
    return r.id;
  };
  const tree = async () =>
    (await listDepartments({ domainId: pm.domainId })).departments.map((d) => [d.path, d.depth, d.accountCount, d.totalCount]);

  beforeEach(async () => {
    await freshDemo();
    pm = await accountByAddress(DEMO.postmaster.email);
  });

  it("lists the tree in order with direct and total account counts", async () => {
    const eng = (await getDb().department.findFirstOrThrow({ where: { domainId: pm.domainId, name: "Engineering" } })).id;
    const backend = await created("Backend", eng);
    await getDb().mailAccount.update({ where: { address: DEMO.dan.email }, data: { departmentId: backend } });
    expect(await tree()).toEqual([
      ["Engineering", 0, 1, 2],
      ["Engineering / Backend", 1, 1, 1],
      ["Sales", 0, 2, 2],
    ]);
    expect((await listDepartments({ domainId: pm.domainId })).unassigned).toBe(1); // the postmaster
  });

  it("creates, renames and moves, each audited as department.changed", async () => {
    const a = await created("Support");
    const b = await created("Tier 1");
    expect(await save("Customer Support", null, a)).toEqual({ ok: true, id: a, changed: true });
    expect(await save("Tier 1", a, b)).toEqual({ ok: true, id: b, changed: true });
    expect(await save("Tier 1", a, b)).toEqual({ ok: true, id: b, changed: false });
    expect(await tree()).toContainEqual(["Customer Support / Tier 1", 1, 0, 0]);
    const details = (await auditActions({ action: AuditAction.departmentChanged })).map((e) => e.detail);
    expect(details).toEqual([
      { op: "created", name: "Support", parent: null },
      { op: "created", name: "Tier 1", parent: null },
      { op: "renamed", from: "Support", name: "Customer Support", parent: null },
      { op: "moved", from: "Tier 1", name: "Tier 1", parent: "Customer Support" },
    ]);
  });

  it("refuses bad names and duplicate sibling names in any case", async () => {
    expect(shown(await save("   "))).toEqual({ name: ["Enter a department name."] });
    expect(shown(await save("x".repeat(65)))).toEqual({ name: [expect.stringContaining("at most 64")] });
    expect(shown(await save("R&D / Labs"))).toEqual({ name: [expect.stringContaining("slashes")] });
    const taken = await save("engineering");
    expect(taken).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { name: [msg("Admin.departments.errors.nameTaken", { name: "Engineering" })] },
    });
    expect(shown(taken)).toEqual({ name: ['A department named "Engineering" already exists there.'] });
    const eng = (await getDb().department.findFirstOrThrow({ where: { domainId: pm.domainId, name: "Engineering" } })).id;
    expect((await save("Sales", eng)).ok).toBe(true); // same name under another parent is fine
  });

  it("refuses to move a department into itself or one of its descendants", async () => {
    const top = await created("Top");
    const mid = await created("Mid", top);
    const leaf = await created("Leaf", mid);
    const cycle = { ok: false, error: "invalid", fieldErrors: { parentId: [msg("Admin.departments.errors.intoItself")] } };
    expect(await save("Top", top, top)).toEqual(cycle);
    expect(await save("Top", leaf, top)).toEqual(cycle);
    expect(await save("Top", mid, top)).toEqual(cycle);
    expect(shown(await save("Top", mid, top))).toEqual({
      parentId: ["A department cannot be moved into itself or one of its sub-departments."],
    });
    expect((await getDb().department.findUniqueOrThrow({ where: { id: top } })).parentId).toBeNull();
    // Moving the leaf up is fine.
    expect((await save("Leaf", top, leaf)).ok).toBe(true);
  });

  it("limits nesting to 8 levels", async () => {
    let parent: string | null = null;
    for (let i = 1; i <= 8; i++) parent = await created(`L${i}`, parent);
    expect(shown(await save("L9", parent))).toEqual({ parentId: ["Departments can be nested at most 8 levels deep."] });
  });

  it("deletes only an empty department", async () => {
    const sales = (await getDb().department.findFirstOrThrow({ where: { domainId: pm.domainId, name: "Sales" } })).id;
    expect(await deleteDepartment({ postmaster: await postmasterFor(pm.id), id: sales }, meta)).toEqual({ ok: false, error: "not_empty" });
    const parent = await created("Parent");
    const child = await created("Child", parent);
    expect(await deleteDepartment({ postmaster: await postmasterFor(pm.id), id: parent }, meta)).toEqual({ ok: false, error: "not_empty" });
    expect(await deleteDepartment({ postmaster: await postmasterFor(pm.id), id: child }, meta)).toEqual({ ok: true, name: "Child" });
    expect(await deleteDepartment({ postmaster: await postmasterFor(pm.id), id: parent }, meta)).toEqual({ ok: true, name: "Parent" });
    expect(await getDb().department.count({ where: { id: { in: [parent, child] } } })).toBe(0);
    expect(
      (await auditActions({ action: AuditAction.departmentChanged })).filter((e) => (e.detail as { op: string }).op === "deleted"),
    ).toHaveLength(2);
  });

  it("refuses another domain's postmaster (audited) and employees", async () => {
    const orgPm = await accountByAddress(DEMO.orgPostmaster.email);
    const sales = await getDb().department.findFirstOrThrow({ where: { domainId: pm.domainId, name: "Sales" } });
    const child = await created("Child", sales.id);
    expect(await saveDepartment({ postmaster: await postmasterFor(orgPm.id), id: sales.id, name: "Hacked", parentId: null }, meta)).toEqual(
      {
        ok: false,
        error: "not_found",
      },
    );
    expect(await deleteDepartment({ postmaster: await postmasterFor(orgPm.id), id: child }, meta)).toEqual({
      ok: false,
      error: "not_found",
    });
    // A parent of another domain is refused too.
    expect(await saveDepartment({ postmaster: await postmasterFor(orgPm.id), name: "Inside", parentId: sales.id }, meta)).toMatchObject({
      ok: false,
      error: "invalid",
    });
    const alice = await accountByAddress(DEMO.alice.email);
    expect(await resolvePostmaster(alice.id, "department.create", meta)).toEqual({ ok: false, error: "forbidden" });
    expect((await getDb().department.findUniqueOrThrow({ where: { id: sales.id } })).name).toBe("Sales");
    expect(await getDb().department.count({ where: { id: child } })).toBe(1);
    const refusals = await auditActions({ action: AuditAction.accessRefused });
    expect(refusals.map((e) => (e.detail as { reason: string }).reason)).toEqual([
      "other_domain",
      "other_domain",
      "other_domain",
      "not_postmaster",
    ]);
  });
});
