import { beforeEach, describe, expect, it } from "vitest";
import { AuditAction } from "@/server/audit/audit-action";
import { logOn } from "@/server/auth/log-on";
import { changeConsolePassword } from "@/server/console/change-console-password";
import { getDb } from "@/server/db";
import { auditActions, freshDemo, meta, operatorByEmail } from "../support/fixtures";
import { refText } from "../support/i18n";
import { DEMO } from "../support/demo-accounts";

const OPS = DEMO.ops.email;
const CURRENT = DEMO.ops.password;
const NEXT = "Sky#Operator2027";

async function change(input: Partial<{ currentPassword: string; password: string; confirmPassword: string }> = {}) {
  const o = await operatorByEmail(OPS);
  return changeConsolePassword(
    { operator: { id: o.id, email: o.email }, currentPassword: CURRENT, password: NEXT, confirmPassword: NEXT, ...input },
    meta,
  );
}

describe("changeConsolePassword (the operator's own console password)", () => {
  beforeEach(freshDemo);

  it("changes it: other console sessions end (version + 1), history kept, audited; the new password logs on", async () => {
    const before = await operatorByEmail(OPS);
    expect(await change()).toEqual({ ok: true, sessionVersion: before.sessionVersion + 1 });
    const after = await operatorByEmail(OPS);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await getDb().passwordHistory.count({ where: { cloudAccountId: before.id } })).toBe(2);
    expect(await auditActions({ action: AuditAction.passwordChanged, targetId: before.id })).toHaveLength(1);
    expect((await logOn({ kind: "cloud", login: OPS, password: CURRENT }, meta)).ok).toBe(false);
    expect((await logOn({ kind: "cloud", login: OPS, password: NEXT }, meta)).ok).toBe(true);
  });

  it("a wrong current password changes nothing, is audited and counted, and shows with the new password's problems", async () => {
    const before = await operatorByEmail(OPS);
    const r = await change({ currentPassword: "Wrong#Console2026", password: "short", confirmPassword: "other" });
    expect(r.ok).toBe(false);
    if (r.ok || r.error !== "invalid") throw new Error("expected invalid");
    expect(r.fieldErrors.currentPassword?.map(refText)).toEqual(["The current password is incorrect."]);
    expect(r.fieldErrors.password?.length).toBeGreaterThan(0);
    expect(r.fieldErrors.confirmPassword).toEqual([{ key: "Password.errors.mismatch" }]);
    expect((await operatorByEmail(OPS)).sessionVersion).toBe(before.sessionVersion);
    expect(await auditActions({ action: AuditAction.reauthFailed })).toHaveLength(1);
  });

  it("the policy applies without domain keywords: the address and history count, 'example' does not", async () => {
    const addr = await change({ password: "Ops#Cloud2027x", confirmPassword: "Ops#Cloud2027x" });
    expect(addr.ok || addr.error !== "invalid" ? [] : addr.fieldErrors.password?.map(refText)).toEqual([
      expect.stringMatching(/email address/),
    ]);
    expect((await change({ password: "Example#Sky2027", confirmPassword: "Example#Sky2027" })).ok).toBe(true);
    const reused = await change({ currentPassword: "Example#Sky2027", password: CURRENT, confirmPassword: CURRENT });
    expect(reused.ok || reused.error !== "invalid" ? [] : reused.fieldErrors.password?.map(refText)).toEqual([
      expect.stringMatching(/last 5 passwords/),
    ]);
  });

  it("5 wrong current passwords end every console session of the operator", async () => {
    const before = await operatorByEmail(OPS);
    for (let i = 1; i <= 4; i++) expect((await change({ currentPassword: `Wrong#Console${i}x` })).ok).toBe(false);
    expect(await change({ currentPassword: "Wrong#Console5x" })).toEqual({ ok: false, error: "reauth_blocked" });
    expect((await operatorByEmail(OPS)).sessionVersion).toBe(before.sessionVersion + 1);
  });
});
