import { beforeEach, describe, expect, it } from "vitest";
import type { AccountRole } from "@/generated/prisma/enums";
import { confirmMobileBinding } from "@/server/account-security/confirm-mobile-binding";
import { startMobileBinding } from "@/server/account-security/start-mobile-binding";
import { getRecoveryReadiness, READINESS_METHODS, type RecoveryReadiness } from "@/server/admin/get-recovery-readiness";
import { updateRecoverySettings } from "@/server/admin/update-recovery-settings";
import { getDb } from "@/server/db";
import { newId } from "@/server/ids";
import { canSelfServe, findRecoveryAccount, recoveryMethods } from "@/server/recovery/internal/recovery-account";
import { accountByAddress, freshDemo, meta } from "../support/fixtures";
import { postmasterFor } from "../support/postmaster";
import { DEMO } from "../support/demo-accounts";
import { seededRandom } from "../support/seeded-random";

/**
 * Recovery readiness: how many active accounts of a domain could reset their own password by Forgot
 * Password now. Its SQL must be the wizard's own rule (canSelfServe, src/server/recovery/internal/recovery-account.ts):
 * the demo domain's real figures, each change of registration or policy moving them, and random
 * accounts judged by both.
 */

const NO_BLOCKS = { account: false, questions: false };

async function readiness(address = DEMO.postmaster.email): Promise<RecoveryReadiness> {
  return getRecoveryReadiness({ postmaster: await postmasterFor((await accountByAddress(address)).id) });
}

async function domainId(name: string) {
  return (await getDb().domain.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
}

/** An account inserted as it would be after its owner registered what `over` says (no hashing: it never logs on). */
async function addAccount(domain: string, localPart: string, over: Record<string, unknown> = {}) {
  const id = newId();
  await getDb().mailAccount.create({
    data: {
      id,
      domainId: await domainId(domain),
      address: `${localPart}@${domain}`,
      displayName: localPart,
      passwordHash: "x",
      passwordChangedAt: new Date(),
      ...over,
    },
  });
  return id;
}

async function addQuestions(accountId: string, count: number) {
  if (count)
    await getDb().securityQuestion.createMany({
      data: Array.from({ length: count }, (_, i) => ({ id: newId(), accountId, position: i + 1, question: `q${i}`, answerHash: "x" })),
    });
}

async function addRecoveryCode(accountId: string, used: boolean) {
  await getDb().twoStepRecoveryCode.create({
    data: { id: newId(), accountId, codeHash: "x", createdAt: new Date(), usedAt: used ? new Date() : null },
  });
}

async function setSwitches(over: Partial<Record<"allowSmsRecovery" | "allowQuestionRecovery" | "allowEmailRecovery", boolean>>) {
  const pm = await postmasterFor((await accountByAddress(DEMO.postmaster.email)).id);
  const d = await getDb().domain.findUniqueOrThrow({ where: { id: pm.domainId } });
  const r = await updateRecoverySettings(
    {
      postmaster: pm,
      allowSmsRecovery: d.allowSmsRecovery,
      allowQuestionRecovery: d.allowQuestionRecovery,
      allowEmailRecovery: d.allowEmailRecovery,
      notifyPostmasterOfSelfServiceResets: d.notifyPostmasterOfSelfServiceResets,
      ...over,
    },
    meta,
  );
  expect(r.ok).toBe(true);
}

beforeEach(async () => {
  await freshDemo();
});

describe("recovery readiness with the demo data", () => {
  it("counts example.com as the README's demo logons have it", async () => {
    // postmaster: mobile only, but a postmaster needs two proofs; alice: mobile and questions; bob: nothing;
    // carol: questions; dan: mobile.
    expect(await readiness()).toEqual({
      total: 5,
      ready: 3,
      notReady: 2,
      byMethod: { sms: 3, email: 0, questions: 2, totp: 0, recoveryCode: 0 },
      needsTwoProofs: 1,
      readyTwoProofs: 0,
      byDepartment: [
        { departmentId: expect.any(String), path: "Engineering", total: 2, ready: 2 },
        { departmentId: expect.any(String), path: "Sales", total: 2, ready: 1 },
        { departmentId: null, path: null, total: 1, ready: 0 },
      ],
      policy: { allowSmsRecovery: true, allowEmailRecovery: true, allowQuestionRecovery: true, requireTwoStepForEmployees: false },
    });
  });

  it("counts one more when bob binds a verified mobile, and none for a binding not yet confirmed", async () => {
    const bob = await accountByAddress(DEMO.bob.email);
    const started = await startMobileBinding({
      accountId: bob.id,
      phone: "(415) 555-0199",
      country: "US",
      currentPassword: DEMO.bob.password,
      meta,
    });
    expect(started.ok).toBe(true);
    expect((await readiness()).ready).toBe(3);
    const sms = await getDb().smsMessage.findFirstOrThrow({ where: { to: "+14155550199", purpose: "BIND_CODE" } });
    const code = sms.body.match(/\b(\d{6})\b/)?.[1] ?? "";
    expect(await confirmMobileBinding({ accountId: bob.id, code, meta })).toMatchObject({ ok: true });
    const r = await readiness();
    expect(r).toMatchObject({ ready: 4, notReady: 1, byMethod: { sms: 4 } });
    expect(r.byDepartment.find((d) => d.path === "Sales")).toMatchObject({ total: 2, ready: 2 });
  });

  it("drops what a method the domain turned off gave", async () => {
    await setSwitches({ allowSmsRecovery: false });
    // dan had the mobile only; alice keeps her questions.
    expect(await readiness()).toMatchObject({ ready: 2, byMethod: { sms: 0, questions: 2 } });
    await setSwitches({ allowSmsRecovery: true, allowQuestionRecovery: false });
    // carol had the questions only; alice keeps her mobile.
    expect(await readiness()).toMatchObject({ ready: 2, byMethod: { sms: 3, questions: 0 } });
  });

  it("counts a postmaster with only a mobile as not ready, and ready with a backup email besides", async () => {
    const pm = await accountByAddress(DEMO.postmaster.email);
    expect((await readiness()).readyTwoProofs).toBe(0);
    await getDb().mailAccount.update({
      where: { id: pm.id },
      data: { backupEmail: "pm.home@mail.example.net", backupEmailVerifiedAt: new Date() },
    });
    expect(await readiness()).toMatchObject({ ready: 4, needsTwoProofs: 1, readyTwoProofs: 1, byMethod: { email: 1 } });
  });

  it("asks two proofs of an employee with an app, whose questions no longer count", async () => {
    const carol = await accountByAddress(DEMO.carol.email);
    await getDb().mailAccount.update({ where: { id: carol.id }, data: { totpEnabledAt: new Date() } });
    // The app alone is one proof of two; her questions do not count any more.
    expect(await readiness()).toMatchObject({ ready: 2, needsTwoProofs: 2, readyTwoProofs: 0, byMethod: { totp: 1, questions: 1 } });
    await addRecoveryCode(carol.id, true);
    expect((await readiness()).ready).toBe(2);
    await addRecoveryCode(carol.id, false);
    expect(await readiness()).toMatchObject({ ready: 3, readyTwoProofs: 1, byMethod: { recoveryCode: 1 } });
  });

  it("asks two proofs of every employee when the domain requires two-step logon", async () => {
    await getDb().domain.update({ where: { name: "example.com" }, data: { requireTwoStepForEmployees: true } });
    // Nobody has two methods without the questions: alice's mobile and questions are one proof now.
    expect(await readiness()).toMatchObject({ total: 5, ready: 0, needsTwoProofs: 5, byMethod: { sms: 3, questions: 0 } });
  });

  it("leaves out a disabled account", async () => {
    await getDb().mailAccount.update({ where: { address: DEMO.alice.email }, data: { status: "DISABLED" } });
    const r = await readiness();
    expect(r).toMatchObject({ total: 4, ready: 2, byMethod: { sms: 2, questions: 1 } });
    expect(r.byDepartment.find((d) => d.path === "Engineering")).toMatchObject({ total: 1, ready: 1 });
  });

  it("never counts another domain's accounts", async () => {
    const before = await readiness();
    const frank = await addAccount("example.org", "frank", { secureMobile: "+14155550177", secureMobileVerifiedAt: new Date() });
    await addQuestions(frank, 3);
    expect(await readiness()).toEqual(before);
    // example.org's postmaster sees its own: itself (mobile only, two proofs), erin and frank (mobiles).
    expect(await readiness(DEMO.orgPostmaster.email)).toMatchObject({
      total: 3,
      ready: 2,
      byDepartment: [{ departmentId: null, total: 3, ready: 2 }],
    });
  });

  it("lists every department in path order, an empty one at zero, and its sub-departments apart", async () => {
    const id = await domainId("example.com");
    const eng = await getDb().department.findFirstOrThrow({ where: { domainId: id, name: "Engineering" } });
    const backend = newId();
    await getDb().department.create({ data: { id: backend, domainId: id, parentId: eng.id, name: "Backend" } });
    await getDb().department.create({ data: { id: newId(), domainId: id, name: "Accounts Payable" } });
    await addAccount("example.com", "grace", { departmentId: backend, secureMobile: "+14155550178", secureMobileVerifiedAt: new Date() });
    const r = await readiness();
    expect(r.byDepartment.map((d) => [d.path, d.total, d.ready])).toEqual([
      ["Accounts Payable", 0, 0],
      ["Engineering", 2, 2],
      ["Engineering / Backend", 1, 1],
      ["Sales", 2, 1],
      [null, 1, 0],
    ]);
    expect(r.byDepartment.find((d) => d.path === "Engineering / Backend")?.departmentId).toBe(backend);
  });
});

describe("recovery readiness agrees with the Forgot Password wizard", () => {
  it("on 200 random accounts under random domain switches, department by department", async () => {
    const seed = Date.now() % 1_000_000;
    const rand = seededRandom(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const coin = (p = 0.5) => rand() < p;
    const db = getDb();
    const id = await domainId("example.com");
    const eng = await db.department.findFirstOrThrow({ where: { domainId: id, name: "Engineering" } });
    const sub = newId();
    await db.department.create({ data: { id: sub, domainId: id, parentId: eng.id, name: "Backend" } });
    const departments = [null, sub, ...(await db.department.findMany({ where: { domainId: id }, select: { id: true } })).map((d) => d.id)];
    const verified = new Date();
    for (let i = 0; i < 200; i++) {
      const mobile = pick([null, "", `+1415556${String(i).padStart(4, "0")}`]);
      const email = pick([null, "", `r${i}@home.example.net`]);
      const app = coin(0.3);
      const account = await addAccount("example.com", `random${i}`, {
        role: pick<AccountRole>(["EMPLOYEE", "EMPLOYEE", "EMPLOYEE", "POSTMASTER"]),
        status: coin(0.1) ? "DISABLED" : "ACTIVE",
        departmentId: pick(departments),
        secureMobile: mobile,
        secureMobileVerifiedAt: coin(0.7) ? verified : null,
        backupEmail: email,
        backupEmailVerifiedAt: coin(0.7) ? verified : null,
        totpEnabledAt: app ? verified : null,
      });
      await addQuestions(account, pick([0, 1, 2, 3, 3]));
      // Codes whether or not the app is on (left over from an app turned off, or never): only the app's count.
      for (const used of [coin(0.5), coin(0.3)].slice(0, pick([0, 1, 2]))) await addRecoveryCode(account, used);
    }
    const accounts = await db.mailAccount.findMany({ where: { domainId: id }, select: { id: true, departmentId: true } });
    const pm = await postmasterFor((await accountByAddress(DEMO.postmaster.email)).id);
    const switches = ["allowSmsRecovery", "allowQuestionRecovery", "allowEmailRecovery", "requireTwoStepForEmployees"] as const;
    for (let round = 0; round < 4; round++) {
      const policy = Object.fromEntries(switches.map((s) => [s, round === 0 ? s !== "requireTwoStepForEmployees" : coin(0.6)]));
      await db.domain.update({ where: { id }, data: policy });
      const expected = new Map<string | null, { total: number; ready: number }>();
      const methods = { sms: 0, email: 0, questions: 0, totp: 0, recoveryCode: 0 };
      let needsTwoProofs = 0;
      let readyTwoProofs = 0;
      for (const a of accounts) {
        const row = await findRecoveryAccount({ id: a.id });
        if (row?.status !== "ACTIVE") continue;
        const ready = canSelfServe(row, NO_BLOCKS);
        const e = expected.get(a.departmentId) ?? { total: 0, ready: 0 };
        expected.set(a.departmentId, { total: e.total + 1, ready: e.ready + (ready ? 1 : 0) });
        const m = recoveryMethods(row, NO_BLOCKS);
        for (const k of READINESS_METHODS) if (m[k]) methods[k]++;
        if (m.proofsNeeded === 2) {
          needsTwoProofs++;
          if (ready) readyTwoProofs++;
        }
      }
      const r = await getRecoveryReadiness({ postmaster: pm });
      const context = `seed ${seed}, round ${round}, ${JSON.stringify(policy)}`;
      const got = new Map(r.byDepartment.filter((d) => d.total > 0).map((d) => [d.departmentId, { total: d.total, ready: d.ready }]));
      expect(got, context).toEqual(expected);
      const readyInAll = [...expected.values()].reduce((n, e) => n + e.ready, 0);
      expect({ ready: r.ready, byMethod: r.byMethod, needsTwoProofs: r.needsTwoProofs, readyTwoProofs: r.readyTwoProofs }, context).toEqual(
        {
          ready: readyInAll,
          byMethod: methods,
          needsTwoProofs,
          readyTwoProofs,
        },
      );
      // Not a vacuous agreement: the accounts differ.
      expect(readyInAll, context).toBeGreaterThan(0);
      expect(r.notReady, context).toBeGreaterThan(0);
    }
  });
});
