import { beforeEach, describe, expect, it } from "vitest";
import { AuditAction } from "@/server/audit/audit-action";
import { getManagedDomain } from "@/server/console/get-managed-domain";
import { DOMAINS_PAGE_SIZE, listOperatorDomains } from "@/server/console/list-operator-domains";
import { recordConsoleRefusal } from "@/server/console/record-console-refusal";
import { getDb } from "@/server/db";
import { newId } from "@/server/ids";
import { accountByAddress, auditActions, freshDemo, meta, operatorByEmail } from "../support/fixtures";
import { DEMO } from "../support/demo-accounts";

const ref = async (email: string) => {
  const o = await operatorByEmail(email);
  return { id: o.id, email: o.email };
};
const domainId = async (name: string) => (await getDb().domain.findUniqueOrThrow({ where: { name } })).id;

describe("Email Services and the Manage page (console domain functions)", () => {
  beforeEach(freshDemo);

  it("lists only the operator's own domains, with edition, accounts in use, status and creation", async () => {
    const ops = await ref(DEMO.ops.email);
    const ops2 = await ref(DEMO.ops2.email);
    const mine = await listOperatorDomains({ operatorId: ops.id });
    expect(mine.rows.map((r) => r.name)).toEqual(["example.com"]);
    expect(mine.rows[0]).toMatchObject({ edition: "Enterprise", status: "ACTIVE", accountsInUse: 5 });
    expect(mine.rows[0].createdAt).toBeInstanceOf(Date);
    expect((await listOperatorDomains({ operatorId: ops2.id })).rows.map((r) => r.name)).toEqual(["example.org"]);
  });

  it("searches by part of the domain name, case-insensitively, and pages", async () => {
    const ops = await ref(DEMO.ops.email);
    for (let i = 0; i < DOMAINS_PAGE_SIZE + 2; i++) {
      await getDb().domain.create({ data: { id: newId(), name: `shop${String(i).padStart(2, "0")}.example.net`, ownerId: ops.id } });
    }
    expect((await listOperatorDomains({ operatorId: ops.id, query: "EXAMPLE.COM" })).rows.map((r) => r.name)).toEqual(["example.com"]);
    expect((await listOperatorDomains({ operatorId: ops.id, query: "example.org" })).total).toBe(0);
    const first = await listOperatorDomains({ operatorId: ops.id, query: "shop" });
    expect([first.total, first.pageCount, first.rows.length]).toEqual([DOMAINS_PAGE_SIZE + 2, 2, DOMAINS_PAGE_SIZE]);
    const second = await listOperatorDomains({ operatorId: ops.id, query: "shop", page: 99 });
    expect([second.page, second.rows.map((r) => r.name)]).toEqual([2, ["shop20.example.net", "shop21.example.net"]]);
  });

  it("the Manage overview: postmaster address, last change, secure mobile (masked) and account count", async () => {
    const ops = await ref(DEMO.ops.email);
    const pm = await accountByAddress(DEMO.postmaster.email);
    const r = await getManagedDomain({ operator: ops, domainId: await domainId("example.com") }, meta);
    if (!r.ok) throw new Error("expected the domain");
    expect(r.domain).toMatchObject({
      name: "example.com",
      edition: "Enterprise",
      accountsInUse: 5,
      policy: { weakKeywords: ["example", "welcome"], domainName: "example.com" },
    });
    expect(r.domain.postmaster).toMatchObject({
      address: pm.address,
      passwordChangedAt: pm.passwordChangedAt,
      secureMobile: "+1 ••• ••• 0100",
      active: true,
      lockedUntil: null,
    });

    await getDb().mailAccount.update({ where: { id: pm.id }, data: { secureMobile: "+14155550199", secureMobileVerifiedAt: new Date() } });
    const bound = await getManagedDomain({ operator: ops, domainId: await domainId("example.com") }, meta);
    expect(bound.ok && bound.domain.postmaster?.secureMobile).toMatch(/^\+1 .*0199$/);
    expect(bound.ok && bound.domain.postmaster?.secureMobile).not.toContain("555");
    expect(await auditActions({ action: AuditAction.accessRefused })).toHaveLength(0);
  });

  it("another operator's domain looks not found, and the attempt is audited (ops2 → example.com)", async () => {
    const ops2 = await ref(DEMO.ops2.email);
    expect(await getManagedDomain({ operator: ops2, domainId: await domainId("example.com") }, meta)).toEqual({
      ok: false,
      error: "not_found",
    });
    const [event] = await auditActions({ action: AuditAction.accessRefused });
    expect(event).toMatchObject({ actorKind: "CLOUD_ACCOUNT", actorId: ops2.id, result: "REFUSED", targetLabel: "example.com" });
    expect(event.detail).toMatchObject({ attempted: "view_domain", reason: "not_owner" });
  });

  it("records refusals of requests without a console session (anonymous or a mail session), linking only real domains", async () => {
    const pm = await accountByAddress(DEMO.postmaster.email);
    await recordConsoleRefusal(
      {
        actor: { kind: "ANONYMOUS" },
        reason: "no_session",
        attempted: "reset_postmaster_password",
        domainId: await domainId("example.com"),
      },
      meta,
    );
    await recordConsoleRefusal(
      {
        actor: { kind: "MAIL_ACCOUNT", id: pm.id, label: pm.address },
        reason: "mail_session",
        attempted: "reset_postmaster_password",
        domainId: "no-such-domain",
      },
      meta,
    );
    const [anon, mail] = await auditActions({ action: AuditAction.accessRefused });
    expect(anon).toMatchObject({ actorKind: "ANONYMOUS", result: "REFUSED", domainId: await domainId("example.com") });
    expect(mail).toMatchObject({ actorKind: "MAIL_ACCOUNT", actorLabel: pm.address, domainId: null });
    expect(mail.detail).toMatchObject({ reason: "mail_session", requestedDomainId: "no-such-domain" });
  });
});
