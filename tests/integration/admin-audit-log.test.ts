import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AUDIT_ACTIONS, parseAuditFilter } from "@/app/admin/audit-log/audit-filter";
import { msg, type MessageRef } from "@/lib/message-ref";
import { EXPORT_BATCH, streamAuditCsv } from "@/server/admin/export-audit-events";
import { listAuditEvents } from "@/server/admin/list-audit-events";
import { AUDIT_ACTION_NAMES, AuditAction, isAuditActionName } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { getDb } from "@/server/db";
import { newId } from "@/server/ids";
import { accountByAddress, freshDemo, meta, useFakeClock } from "../support/fixtures";
import { enText, refText, tEn, tZh } from "../support/i18n";
import { DEMO } from "../support/demo-accounts";

/** A filter's problems as the page shows them (in English). */
const shownErrors = (params: Record<string, string>) =>
  Object.fromEntries(Object.entries(parseAuditFilter(params).errors).map(([k, refs]: [string, MessageRef[]]) => [k, refs.map(refText)]));

const DAY = 24 * 60 * 60 * 1000;

describe("Audit Log", () => {
  let domainId: string;
  let orgDomainId: string;
  beforeEach(async () => {
    await freshDemo();
    await getDb().auditEvent.deleteMany();
    domainId = (await accountByAddress(DEMO.postmaster.email)).domainId;
    orgDomainId = (await accountByAddress(DEMO.orgPostmaster.email)).domainId;
    const start = Date.parse("2026-03-01T10:00:00Z");
    // 4 events a day from 1 March 10:00 UTC, alternating targets; written directly for speed.
    await getDb().auditEvent.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        id: newId(),
        actorKind: "MAIL_ACCOUNT" as const,
        actorId: "pm",
        actorLabel: DEMO.postmaster.email,
        action: AuditAction.passwordResetByPostmaster,
        targetKind: "MAIL_ACCOUNT",
        targetId: `t${i}`,
        targetLabel: i % 2 ? DEMO.alice.email : DEMO.bob.email,
        domainId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        createdAt: new Date(start + (i * DAY) / 4),
      })),
    });
    useFakeClock(new Date(start + 20 * DAY));
    const actor = { kind: "MAIL_ACCOUNT" as const, id: "pm", label: DEMO.postmaster.email };
    await recordAuditEvent({
      actor,
      action: AuditAction.weakKeywordsChanged,
      domainId,
      meta,
      target: { kind: "DOMAIN", id: domainId, label: '@SUM(A1), "x"' },
      detail: { added: '=HYPERLINK("http://x")' },
    });
    await recordAuditEvent({
      actor: { kind: "ANONYMOUS", label: DEMO.erin.email },
      action: AuditAction.logonFailure,
      domainId: orgDomainId,
      meta,
    });
  });
  afterEach(() => vi.useRealTimers());

  it("lists the domain's events only, newest first, 50 a page", async () => {
    const p1 = await listAuditEvents({ domainId, filter: {} });
    expect(p1).toMatchObject({ total: 61, pageCount: 2, page: 1 });
    expect(p1.rows[0].action).toBe(AuditAction.weakKeywordsChanged);
    expect(p1.rows.every((r, i) => i === 0 || r.createdAt <= p1.rows[i - 1].createdAt)).toBe(true);
    expect((await listAuditEvents({ domainId, filter: {}, page: 2 })).rows).toHaveLength(11);
    expect((await listAuditEvents({ domainId, filter: { account: "erin" } })).total).toBe(0);
  });

  it("filters by account, action and date range (end day included)", async () => {
    expect((await listAuditEvents({ domainId, filter: { account: "ALICE@" } })).total).toBe(30);
    expect((await listAuditEvents({ domainId, filter: { account: DEMO.postmaster.email } })).total).toBe(61);
    expect((await listAuditEvents({ domainId, filter: { action: AuditAction.weakKeywordsChanged } })).total).toBe(1);
    const { filter, errors } = parseAuditFilter({ from: "2026-03-02", to: "2026-03-03" });
    expect(errors).toEqual({});
    // 4 events a day: 2 March and 3 March.
    expect((await listAuditEvents({ domainId, filter })).total).toBe(8);
  });

  it("parses filters with a message per bad field", () => {
    expect(shownErrors({ from: "2026-02-30", to: "yesterday", action: "drop table" })).toEqual({
      from: ["Enter a real date."],
      to: ["Enter a date as YYYY-MM-DD."],
      action: ["Choose an action from the list."],
    });
    expect(shownErrors({ from: "2026-13-01", to: "0000-00-00" })).toEqual({
      from: ["Enter a real date."],
      to: ["Enter a real date."],
    });
    expect(shownErrors({ from: "2026-03-05", to: "2026-03-01" })).toEqual({ to: ["The end date is before the start date."] });
    expect(parseAuditFilter({ account: "a".repeat(255) }).errors).toEqual({
      account: [msg("Admin.auditLog.errors.accountTooLong", { max: 254 })],
    });
    expect(shownErrors({ account: "a".repeat(255) })).toEqual({ account: ["An address has at most 254 characters."] });
    expect(shownErrors({ account: "alice\u0000" })).toEqual({ account: [enText("Common.errors.unreadableText")] });
    expect(parseAuditFilter({ page: "-3" }).page).toBe(1);
  });

  it("has a name for every action code, in both languages; the filter offers exactly the codes", () => {
    for (const code of Object.values(AuditAction)) {
      expect(tEn.has(AUDIT_ACTION_NAMES[code]), code).toBe(true);
      expect(tZh.has(AUDIT_ACTION_NAMES[code]), code).toBe(true);
      expect(enText(AUDIT_ACTION_NAMES[code]), code).not.toBe(AUDIT_ACTION_NAMES[code]);
    }
    expect(Object.keys(AUDIT_ACTION_NAMES).sort()).toEqual([...AUDIT_ACTIONS]);
    expect(isAuditActionName("logon.success")).toBe(true);
    expect(isAuditActionName("toString")).toBe(false);
  });

  it("exports the filtered events as CSV with formula cells neutralized and quotes escaped", async () => {
    const text = await new Response(streamAuditCsv({ domainId, filter: { action: AuditAction.weakKeywordsChanged } })).text();
    const lines = text.split("\r\n");
    expect(lines[0]).toBe('"Time (UTC)","Actor kind","Actor","Action","Target kind","Target","Result","IP address","User agent","Detail"');
    expect(lines).toHaveLength(3); // header, one event, trailing empty
    expect(lines[1]).toContain('"MAIL_ACCOUNT","postmaster@example.com","policy.weak_keywords_changed"');
    expect(lines[1]).toContain('"DOMAIN","\'@SUM(A1), ""x""","SUCCESS"');
    expect(lines[1]).toContain('"{""added"":""=HYPERLINK(\\""http://x\\"")""}"');
    const all = await new Response(streamAuditCsv({ domainId, filter: {} })).text();
    expect(all.split("\r\n").filter(Boolean)).toHaveLength(62);
    expect(all).not.toContain(DEMO.erin.email);
  });

  it("streams a log larger than one batch, newest first, each event once", async () => {
    const base = Date.parse("2025-01-01T00:00:00Z");
    await getDb().auditEvent.createMany({
      data: Array.from({ length: EXPORT_BATCH + 500 }, (_, i) => ({
        id: newId(),
        actorKind: "SYSTEM" as const,
        actorLabel: "bulk",
        action: AuditAction.logonSuccess,
        targetLabel: `u${i}@example.com`,
        domainId,
        ip: meta.ip,
        userAgent: "-",
        createdAt: new Date(base + Math.floor(i / 3) * 1000), // ties on purpose
      })),
    });
    const lines = (await new Response(streamAuditCsv({ domainId, filter: { account: "bulk" } })).text())
      .split("\r\n")
      .filter(Boolean)
      .slice(1);
    expect(lines).toHaveLength(EXPORT_BATCH + 500);
    const targets = lines.map((l) => l.split('","')[5]);
    expect(new Set(targets).size).toBe(EXPORT_BATCH + 500);
    const times = lines.map((l) => l.slice(1, 25));
    expect([...times].sort().reverse()).toEqual(times);
  });
});
