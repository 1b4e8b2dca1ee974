import { beforeEach, describe, expect, it } from "vitest";
import { getDomainPolicy } from "@/server/admin/get-domain-policy";
import { updateRecoverySettings } from "@/server/admin/update-recovery-settings";
import { updateWeakKeywords } from "@/server/admin/update-weak-keywords";
import { AuditAction } from "@/server/audit/audit-action";
import { getDb } from "@/server/db";
import { msg, type MessageRef } from "@/lib/message-ref";
import { accountByAddress, auditActions, freshDemo, meta } from "../support/fixtures";
import { refText } from "../support/i18n";
import { postmasterFor } from "../support/postmaster";
import { resolvePostmaster } from "@/server/admin/postmaster";
import { DEMO } from "../support/demo-accounts";

/** A refusal's messages as the form shows them (in English). */
const shown = (r: { ok: boolean; messages?: MessageRef[] }) => r.messages?.map(refText);

describe("Password Policy: weak-password keywords", () => {
  let pm: Awaited<ReturnType<typeof accountByAddress>>;
  const add = async (keyword: string) => updateWeakKeywords({ postmaster: await postmasterFor(pm.id), op: "add", keyword }, meta);
  const keywords = async () => (await getDomainPolicy({ domainId: pm.domainId })).weakPasswordKeywords;

  beforeEach(async () => {
    await freshDemo();
    pm = await accountByAddress(DEMO.postmaster.email);
  });

  it("adds 3 and 32 characters, refuses 2 and 33, stores lower-case, and audits each change", async () => {
    const short = await add("ab");
    expect(short).toEqual({ ok: false, error: "invalid", messages: [msg("Password.keywords.length", { keyword: "ab", min: 3, max: 32 })] });
    expect(shown(short)).toEqual(['"ab" must be 3 to 32 characters long.']);
    expect(await add("x".repeat(33))).toMatchObject({ ok: false, error: "invalid" });
    expect(await add("Abc")).toMatchObject({ ok: true, changed: true });
    expect(await add("Y".repeat(32))).toMatchObject({ ok: true, changed: true });
    expect(await keywords()).toEqual(["example", "welcome", "abc", "y".repeat(32)]);
    const events = await auditActions({ action: AuditAction.weakKeywordsChanged });
    expect(events.map((e) => e.detail)).toEqual([
      { added: "abc", count: 3 },
      { added: "y".repeat(32), count: 4 },
    ]);
    expect(events[0]).toMatchObject({ actorId: pm.id, domainId: pm.domainId, ip: meta.ip, targetLabel: "example.com" });
  });

  it("refuses a duplicate in any case and an empty keyword", async () => {
    expect(shown(await add("EXAMPLE"))).toEqual([expect.stringContaining("more than once")]);
    const blank = await add("   ");
    expect(blank).toEqual({ ok: false, error: "invalid", messages: [msg("Admin.policy.keywordRequired")] });
    expect(shown(blank)).toEqual(["Enter a keyword."]);
    expect(await keywords()).toEqual(["example", "welcome"]);
  });

  it("accepts the 100th keyword and refuses the 101st", async () => {
    await getDb().domain.update({
      where: { id: pm.domainId },
      data: { weakPasswordKeywords: Array.from({ length: 99 }, (_, i) => `kw${String(i).padStart(3, "0")}`) },
    });
    expect(await add("last")).toMatchObject({ ok: true });
    const tooMany = await add("onemore");
    expect(tooMany).toMatchObject({ ok: false, error: "invalid" });
    expect(shown(tooMany)).toEqual(["Enter at most 100 keywords (you entered 101)."]);
    expect(await keywords()).toHaveLength(100);
  });

  it("removes a keyword regardless of case; removing a missing one changes nothing", async () => {
    expect(await updateWeakKeywords({ postmaster: await postmasterFor(pm.id), op: "remove", keyword: "Welcome" }, meta)).toEqual({
      ok: true,
      keywords: ["example"],
      changed: true,
    });
    expect(await updateWeakKeywords({ postmaster: await postmasterFor(pm.id), op: "remove", keyword: "nothere" }, meta)).toMatchObject({
      ok: true,
      changed: false,
    });
    expect((await auditActions({ action: AuditAction.weakKeywordsChanged })).map((e) => e.detail)).toEqual([
      { removed: "welcome", count: 1 },
    ]);
  });

  it("refuses an employee and changes nothing", async () => {
    const alice = await accountByAddress(DEMO.alice.email);
    expect(await resolvePostmaster(alice.id, "policy.weak_keywords", meta)).toEqual({ ok: false, error: "forbidden" });
    expect(await keywords()).toEqual(["example", "welcome"]);
    expect(await auditActions({ action: AuditAction.accessRefused })).toHaveLength(1);
  });

  it("keeps each domain's keywords apart", async () => {
    const orgPm = await accountByAddress(DEMO.orgPostmaster.email);
    expect((await updateWeakKeywords({ postmaster: await postmasterFor(orgPm.id), op: "add", keyword: "orgonly" }, meta)).ok).toBe(true);
    expect(await keywords()).toEqual(["example", "welcome"]);
    expect((await getDomainPolicy({ domainId: orgPm.domainId })).weakPasswordKeywords).toEqual(["orgonly"]);
  });
});

describe("Password Policy: self-service recovery settings", () => {
  beforeEach(freshDemo);

  it("turns the methods off and on, audited with before and after; an unchanged save is not audited", async () => {
    const pm = await accountByAddress(DEMO.postmaster.email);
    const save = async (
      allowSmsRecovery: boolean,
      allowQuestionRecovery: boolean,
      notifyPostmasterOfSelfServiceResets = false,
      allowEmailRecovery = true,
    ) =>
      updateRecoverySettings(
        {
          postmaster: await postmasterFor(pm.id),
          allowSmsRecovery,
          allowQuestionRecovery,
          allowEmailRecovery,
          notifyPostmasterOfSelfServiceResets,
        },
        meta,
      );
    expect(await getDomainPolicy({ domainId: pm.domainId })).toMatchObject({
      allowSmsRecovery: true,
      allowQuestionRecovery: true,
      allowEmailRecovery: true,
    });
    expect(await save(false, true)).toEqual({ ok: true, changed: true });
    expect(await getDomainPolicy({ domainId: pm.domainId })).toMatchObject({ allowSmsRecovery: false, allowQuestionRecovery: true });
    expect(await save(false, true)).toEqual({ ok: true, changed: false });
    const events = await auditActions({ action: AuditAction.recoverySettingsChanged });
    expect(events).toHaveLength(1);
    expect(events[0].detail).toEqual({
      before: { allowSmsRecovery: true, allowQuestionRecovery: true, allowEmailRecovery: true, notifyPostmasterOfSelfServiceResets: false },
      after: { allowSmsRecovery: false, allowQuestionRecovery: true, allowEmailRecovery: true, notifyPostmasterOfSelfServiceResets: false },
    });
    expect(await save(false, true, true)).toEqual({ ok: true, changed: true });
    expect(await getDomainPolicy({ domainId: pm.domainId })).toMatchObject({ notifyPostmasterOfSelfServiceResets: true });
    expect(await save(false, true, true, false)).toEqual({ ok: true, changed: true });
    expect(await getDomainPolicy({ domainId: pm.domainId })).toMatchObject({ allowEmailRecovery: false });
    const alice = await accountByAddress(DEMO.alice.email);
    expect(await resolvePostmaster(alice.id, "policy.recovery_settings", meta)).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect(await getDomainPolicy({ domainId: pm.domainId })).toMatchObject({ allowSmsRecovery: false, allowQuestionRecovery: true });
  });
});
