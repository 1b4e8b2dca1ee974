import { beforeEach, describe, expect, it } from "vitest";
import type { AccountRole } from "@/generated/prisma/enums";
import { getRecoveryReadiness } from "@/server/admin/get-recovery-readiness";
import { listEmployeeAccounts, NO_DEPARTMENT, type AccountListQuery } from "@/server/admin/list-employee-accounts";
import { getDb } from "@/server/db";
import { newId } from "@/server/ids";
import { canSelfServe, findRecoveryAccount } from "@/server/recovery/internal/recovery-account";
import { accountByAddress, freshDemo } from "../support/fixtures";
import { postmasterFor } from "../support/postmaster";
import { DEMO } from "../support/demo-accounts";
import { seededRandom } from "../support/seeded-random";

/**
 * Employee Accounts' recovery filter "not_ready" lists exactly the accounts Recovery Readiness counts
 * as unable to reset their own password (its notReady): the page's link to them must land on them all
 * and on nothing else, for the demo data and for random registrations under random switches.
 */

const NO_BLOCKS = { account: false, questions: false };

/** Every page of the list under `query`: its count and its ids in the list's order. */
async function wholeList(domainId: string, query: AccountListQuery) {
  const first = await listEmployeeAccounts({ domainId, ...query, pageSize: 25 });
  const ids = first.rows.map((r) => r.id);
  for (let p = 2; p <= first.pageCount; p++)
    ids.push(...(await listEmployeeAccounts({ domainId, ...query, pageSize: 25, page: p })).rows.map((r) => r.id));
  return { total: first.total, ids };
}

async function notReadyList(domainId: string) {
  const list = await wholeList(domainId, { recovery: "not_ready" });
  return { total: list.total, ids: [...list.ids].sort() };
}

/** What the wizard says of each active account of the domain: the ids it would refuse self-service. */
async function wizardNotReady(domainId: string) {
  const accounts = await getDb().mailAccount.findMany({ where: { domainId }, select: { id: true } });
  const out: string[] = [];
  for (const a of accounts) {
    const row = await findRecoveryAccount({ id: a.id });
    if (row?.status === "ACTIVE" && !canSelfServe(row, NO_BLOCKS)) out.push(a.id);
  }
  return out.sort();
}

beforeEach(async () => {
  await freshDemo();
});

describe("Employee Accounts filtered to the accounts that cannot reset on their own", () => {
  it("has notReady accounts for the demo data, the wizard's own", async () => {
    const pm = await accountByAddress(DEMO.postmaster.email);
    const r = await getRecoveryReadiness({ postmaster: await postmasterFor(pm.id) });
    const list = await notReadyList(pm.domainId);
    expect(r.notReady).toBeGreaterThan(0);
    expect(list.total).toBe(r.notReady);
    expect(list.ids).toEqual(await wizardNotReady(pm.domainId));
  });

  it("has notReady accounts for 150 random accounts under random switches, none disabled, none of another domain", async () => {
    const seed = Date.now() % 1_000_000;
    const rand = seededRandom(seed);
    const coin = (p = 0.5) => rand() < p;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const db = getDb();
    const pm = await accountByAddress(DEMO.postmaster.email);
    const domainId = pm.domainId;
    const verified = new Date();
    const departments = [null, ...(await db.department.findMany({ where: { domainId }, select: { id: true } })).map((d) => d.id)];
    for (let i = 0; i < 150; i++) {
      const id = newId();
      await db.mailAccount.create({
        data: {
          id,
          domainId,
          address: `random${i}@example.com`,
          displayName: `random${i}`,
          passwordHash: "x",
          passwordChangedAt: verified,
          role: pick<AccountRole>(["EMPLOYEE", "EMPLOYEE", "EMPLOYEE", "POSTMASTER"]),
          status: coin(0.1) ? "DISABLED" : "ACTIVE",
          secureMobile: pick([null, "", `+1415556${String(i).padStart(4, "0")}`]),
          secureMobileVerifiedAt: coin(0.7) ? verified : null,
          backupEmail: pick([null, "", `r${i}@home.example.net`]),
          backupEmailVerifiedAt: coin(0.7) ? verified : null,
          totpEnabledAt: coin(0.3) ? verified : null,
          // What the list's other filters and orders read.
          departmentId: pick(departments),
          lastLogonAt: coin(0.6) ? new Date(verified.getTime() - Math.floor(rand() * 1e9)) : null,
          lockedUntil: coin(0.15) ? new Date(verified.getTime() + 3_600_000) : null,
          mustChangePassword: coin(0.2),
        },
      });
      const questions = pick([0, 1, 2, 3, 3]);
      if (questions)
        await db.securityQuestion.createMany({
          data: Array.from({ length: questions }, (_, n) => ({
            id: newId(),
            accountId: id,
            position: n + 1,
            question: `q${n}`,
            answerHash: "x",
          })),
        });
      if (coin(0.5))
        await db.twoStepRecoveryCode.create({
          data: { id: newId(), accountId: id, codeHash: "x", createdAt: verified, usedAt: coin(0.4) ? verified : null },
        });
    }
    const postmaster = await postmasterFor(pm.id);
    for (let round = 0; round < 3; round++) {
      const policy = {
        allowSmsRecovery: coin(0.6),
        allowQuestionRecovery: coin(0.6),
        allowEmailRecovery: coin(0.6),
        requireTwoStepForEmployees: coin(0.3),
      };
      await db.domain.update({ where: { id: domainId }, data: policy });
      const context = `seed ${seed}, round ${round}, ${JSON.stringify(policy)}`;
      const r = await getRecoveryReadiness({ postmaster });
      const list = await notReadyList(domainId);
      expect(list.total, context).toBe(r.notReady);
      expect(list.ids, context).toEqual(await wizardNotReady(domainId));
      expect(r.notReady, context).toBeGreaterThan(0);
      expect(r.ready, context).toBeGreaterThan(0);
      // With the list's other filters and orders (its SQL written apart from Prisma's): the rows those
      // list, not ready, in the same order.
      const notReady = new Set(list.ids);
      const someDepartment = departments.find((d) => d !== null)!;
      for (const query of [
        { search: "RANDOM1" },
        { departmentId: someDepartment },
        { departmentId: NO_DEPARTMENT },
        { status: "active" },
        { status: "disabled" },
        { status: "locked" },
        { status: "must_change", sort: "-name" },
        { sort: "last_logon" },
        { sort: "-last_logon", search: "om" },
      ] satisfies AccountListQuery[]) {
        const all = await wholeList(domainId, query);
        const filtered = await wholeList(domainId, { ...query, recovery: "not_ready" });
        const expected = all.ids.filter((id) => notReady.has(id));
        expect(filtered.ids, `${context}, ${JSON.stringify(query)}`).toEqual(expected);
        expect(filtered.total, `${context}, ${JSON.stringify(query)}`).toBe(expected.length);
      }
    }
  });
});
