import { beforeEach, describe, expect, it } from "vitest";
import { getEmployeeAccount } from "@/server/admin/get-employee-account";
import { listEmployeeAccounts, NO_DEPARTMENT } from "@/server/admin/list-employee-accounts";
import { saveDepartment } from "@/server/admin/save-department";
import { AuditAction } from "@/server/audit/audit-action";
import { getDb } from "@/server/db";
import { newId } from "@/server/ids";
import { accountByAddress, auditActions, freshDemo, meta } from "../support/fixtures";
import { postmasterFor } from "../support/postmaster";
import { DEMO } from "../support/demo-accounts";

/** 120 extra example.com accounts, inserted directly (no hashing: they never log on). */
async function bulkAccounts(domainId: string, departmentId: string | null) {
  await getDb().mailAccount.createMany({
    data: Array.from({ length: 120 }, (_, i) => {
      const n = String(i).padStart(3, "0");
      return {
        id: newId(),
        domainId,
        departmentId: i % 2 ? departmentId : null,
        address: `bulk${n}@example.com`,
        displayName: `Bulk User ${n}`,
        passwordHash: "x",
        passwordChangedAt: new Date(),
      };
    }),
  });
}

describe("Employee Accounts list", () => {
  let pm: Awaited<ReturnType<typeof accountByAddress>>;
  let support: string;
  beforeEach(async () => {
    await freshDemo();
    pm = await accountByAddress(DEMO.postmaster.email);
    const r = await saveDepartment({ postmaster: await postmasterFor(pm.id), name: "Support", parentId: null }, meta);
    if (!r.ok) throw new Error("department");
    support = r.id;
    await bulkAccounts(pm.domainId, support);
  });

  it("pages 25 at a time by name, and shows the last page for a page past the end", async () => {
    const first = await listEmployeeAccounts({ domainId: pm.domainId });
    expect(first).toMatchObject({ total: 125, page: 1, pageCount: 5, pageSize: 25 });
    expect(first.rows.map((r) => r.displayName).slice(0, 3)).toEqual(["Alice Wang", "Bob Li", "Bulk User 000"]);
    const last = await listEmployeeAccounts({ domainId: pm.domainId, page: 99 });
    expect(last.page).toBe(5);
    expect(last.rows).toHaveLength(25);
    expect(last.rows.at(-1)?.displayName).toBe("Postmaster");
    const all = new Set<string>();
    for (let p = 1; p <= 5; p++) for (const r of (await listEmployeeAccounts({ domainId: pm.domainId, page: p })).rows) all.add(r.id);
    expect(all.size).toBe(125);
  });

  it("searches name or address in any case and never shows another domain", async () => {
    expect((await listEmployeeAccounts({ domainId: pm.domainId, search: "ALICE" })).rows.map((r) => r.address)).toEqual([DEMO.alice.email]);
    expect((await listEmployeeAccounts({ domainId: pm.domainId, search: "bulk11" })).rows.map((r) => r.address)).toEqual(
      Array.from({ length: 10 }, (_, i) => `bulk11${i}@example.com`),
    );
    expect((await listEmployeeAccounts({ domainId: pm.domainId, search: "user 007" })).total).toBe(1);
    expect((await listEmployeeAccounts({ domainId: pm.domainId, search: "erin" })).total).toBe(0);
    expect((await listEmployeeAccounts({ domainId: pm.domainId, search: "example.org" })).total).toBe(0);
  });

  it("filters by department (sub-departments included) and by no department", async () => {
    const child = await saveDepartment({ postmaster: await postmasterFor(pm.id), name: "Tier 2", parentId: support }, meta);
    if (!child.ok) throw new Error("department");
    await getDb().mailAccount.update({ where: { address: DEMO.bob.email }, data: { departmentId: child.id } });
    const inSupport = await listEmployeeAccounts({ domainId: pm.domainId, departmentId: support });
    expect(inSupport.total).toBe(61);
    expect(inSupport.rows[0]).toMatchObject({ displayName: "Bob Li", department: "Support / Tier 2" });
    // The tree it read comes back for the page's filter: in display order, each row with its depth.
    const tree = inSupport.departments.filter((d) => d.path.startsWith("Support"));
    expect(tree.map((d) => [d.path, d.depth])).toEqual([
      ["Support", 0],
      ["Support / Tier 2", 1],
    ]);
    expect((await listEmployeeAccounts({ domainId: pm.domainId, departmentId: child.id })).total).toBe(1);
    expect((await listEmployeeAccounts({ domainId: pm.domainId, departmentId: NO_DEPARTMENT })).total).toBe(61); // 60 bulk + postmaster
  });

  // Its speed (p95 under 150 ms with 10,000 accounts) is measured by `npm run bench` (bench/admin-accounts-list.ts), not here.
  it("pages and searches 10,000 accounts in the domain on the server", async () => {
    // One INSERT … SELECT: 10,000 rows in a moment (createMany would dominate the test's time).
    await getDb().$executeRaw`
      INSERT INTO "MailAccount" ("id", "domainId", "departmentId", "address", "displayName", "passwordHash", "passwordChangedAt", "updatedAt")
      SELECT 'many-' || i, ${pm.domainId}, CASE WHEN i % 2 = 1 THEN ${support} END, 'many' || lpad(i::text, 5, '0') || '@example.com',
             'Many User ' || lpad(i::text, 5, '0'), 'x', now(), now()
      FROM generate_series(0, 9999) AS i`;
    const deep = await listEmployeeAccounts({ domainId: pm.domainId, page: 300 });
    const searched = await listEmployeeAccounts({ domainId: pm.domainId, search: "many0009", departmentId: support });
    expect(deep).toMatchObject({ total: 10_125, pageCount: 405, page: 300 });
    expect(deep.rows).toHaveLength(25);
    expect(searched.total).toBe(5); // many00090…many00099, the odd half in Support
  });

  it("shows recovery methods, status and lock of each row", async () => {
    await getDb().mailAccount.update({
      where: { address: DEMO.dan.email },
      data: { lockedUntil: new Date(Date.now() + 60_000), status: "DISABLED" },
    });
    const rows = (await listEmployeeAccounts({ domainId: pm.domainId, search: "@example.com", page: 1 })).rows;
    const by = (a: string) => rows.find((r) => r.address === a);
    expect(by(DEMO.alice.email)).toMatchObject({
      hasSecureMobile: true,
      questionsSet: true,
      department: "Engineering",
      status: "ACTIVE",
      locked: false,
    });
    expect(by(DEMO.bob.email)).toMatchObject({ hasSecureMobile: false, questionsSet: false, department: "Sales" });
    const dan = (await listEmployeeAccounts({ domainId: pm.domainId, search: "dan@" })).rows[0];
    expect(dan).toMatchObject({ hasSecureMobile: true, questionsSet: false, locked: true, status: "DISABLED" });
  });
});

describe("Edit Account details", () => {
  beforeEach(freshDemo);

  it("shows the secure mobile masked and whether questions are set", async () => {
    const pm = await accountByAddress(DEMO.postmaster.email);
    const alice = await accountByAddress(DEMO.alice.email);
    const r = await getEmployeeAccount({ postmaster: await postmasterFor(pm.id), accountId: alice.id }, meta);
    if (!r.ok) throw new Error("not found");
    expect(r.account).toMatchObject({
      displayName: "Alice Wang",
      address: DEMO.alice.email,
      department: "Engineering",
      secureMobile: "+1 ••• ••• 0101",
      questionsSet: true,
      isSelf: false,
      lockedUntil: null,
    });
    expect(r.account.policy.weakKeywords).toEqual(["example", "welcome"]);
    expect(JSON.stringify(r)).not.toContain("4155550101");
    const self = await getEmployeeAccount({ postmaster: await postmasterFor(pm.id), accountId: pm.id }, meta);
    expect(self.ok && self.account.isSelf).toBe(true);
  });

  it("answers not_found to another domain's postmaster, and audits the attempt", async () => {
    const orgPm = await accountByAddress(DEMO.orgPostmaster.email);
    const alice = await accountByAddress(DEMO.alice.email);
    expect(await getEmployeeAccount({ postmaster: await postmasterFor(orgPm.id), accountId: alice.id }, meta)).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await auditActions({ action: AuditAction.accessRefused })).toEqual([
      expect.objectContaining({
        actorId: orgPm.id,
        targetId: alice.id,
        domainId: alice.domainId,
        result: "REFUSED",
        detail: { attempted: "account.view", reason: "other_domain" },
      }),
    ]);
  });
});
