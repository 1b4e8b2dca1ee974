/**
 * A speed target of the README's npm run bench: the Employee Accounts page stays fast with 10,000
 * accounts in a domain (server-side paging on indexed queries). Inserts
 * 10,000 accounts into example.com, then times the page's query: first page,
 * a deep page, a search and a department filter. Target: p95 under 150 ms each.
 */
import { getDb } from "../src/server/db";
import { listEmployeeAccounts, type AccountListQuery } from "../src/server/admin/list-employee-accounts";
import { median, percentile, round, timed } from "./stats";

const TARGET_P95_MS = 150;
const ACCOUNTS = 10_000;

export interface AccountsListBench {
  name: "admin-accounts-list";
  accounts: number;
  cases: Array<{ case: string; medianMs: number; p95Ms: number; rows: number }>;
  targetP95Ms: number;
  pass: boolean;
}

export async function benchAccountsList(samples: number): Promise<AccountsListBench> {
  const db = getDb();
  const domain = await db.domain.findUniqueOrThrow({ where: { name: "example.com" }, select: { id: true } });
  const depts = await db.department.findMany({ where: { domainId: domain.id }, select: { id: true } });
  const hash = (await db.mailAccount.findFirstOrThrow({ where: { domainId: domain.id }, omit: { passwordHash: false } })).passwordHash;
  const at = new Date();
  for (let start = 0; start < ACCOUNTS; start += 1000) {
    await db.mailAccount.createMany({
      data: Array.from({ length: 1000 }, (_, k) => {
        const i = start + k;
        return {
          id: `bench-${i}`,
          domainId: domain.id,
          address: `bench.user${i}@example.com`,
          displayName: `Bench User ${String(i).padStart(5, "0")}`,
          departmentId: depts[i % depts.length]?.id ?? null,
          passwordHash: hash,
          passwordChangedAt: at,
          updatedAt: at,
        };
      }),
      skipDuplicates: true,
    });
  }
  const cases: Array<[string, AccountListQuery]> = [
    ["first page", {}],
    ["page 300", { page: 300 }],
    ["search 'user123'", { search: "user123" }],
    ["department filter, page 50", { departmentId: depts[0]?.id, page: 50 }],
  ];
  const results: AccountsListBench["cases"] = [];
  for (const [label, query] of cases) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < samples; i++) {
      const { ms, value } = await timed(() => listEmployeeAccounts({ domainId: domain.id, ...query }));
      times.push(ms);
      rows = value.rows.length;
    }
    results.push({ case: label, medianMs: round(median(times)), p95Ms: round(percentile(times, 95)), rows });
  }
  return {
    name: "admin-accounts-list",
    accounts: ACCOUNTS,
    cases: results,
    targetP95Ms: TARGET_P95_MS,
    pass: results.every((r) => r.p95Ms < TARGET_P95_MS),
  };
}

export function printAccountsList(r: AccountsListBench): void {
  console.log(`\nEmployee Accounts page with ${r.accounts.toLocaleString("en")} extra accounts (target p95 < ${r.targetP95Ms} ms)`);
  for (const c of r.cases)
    console.log(
      `  ${c.case.padEnd(30)} median ${String(c.medianMs).padStart(7)} ms   p95 ${String(c.p95Ms).padStart(7)} ms   rows ${c.rows}`,
    );
  console.log(`  → ${r.pass ? "PASS" : "FAIL"}`);
}
