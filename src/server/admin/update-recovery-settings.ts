import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { postmasterActor, resolvePostmaster } from "./postmaster-access";

export interface RecoverySettings {
  allowSmsRecovery: boolean;
  allowQuestionRecovery: boolean;
  allowEmailRecovery: boolean;
  /** An SMS to the postmaster's secure mobile after each self-service reset. */
  notifyPostmasterOfSelfServiceResets: boolean;
}

const KEYS = ["allowSmsRecovery", "allowQuestionRecovery", "allowEmailRecovery", "notifyPostmasterOfSelfServiceResets"] as const;

export type UpdateRecoverySettingsResult = { ok: true; changed: boolean } | { ok: false; error: "forbidden" };

/**
 * Which self-service (Forgot Password) methods the domain's employees may use,
 * and whether the postmaster hears of each self-service reset. Audited with before and after.
 */
export async function updateRecoverySettings(
  input: { actorId: string } & RecoverySettings,
  meta: RequestMeta,
): Promise<UpdateRecoverySettingsResult> {
  const caller = await resolvePostmaster(input.actorId, "policy.recovery_settings", meta);
  if (!caller.ok) return caller;
  const pm = caller.postmaster;
  const after = Object.fromEntries(KEYS.map((k) => [k, input[k]])) as unknown as RecoverySettings;
  return getDb().$transaction(async (tx) => {
    const before = await tx.domain.findUniqueOrThrow({
      where: { id: pm.domainId },
      select: { name: true, ...(Object.fromEntries(KEYS.map((k) => [k, true])) as Record<(typeof KEYS)[number], true>) },
    });
    if (KEYS.every((k) => before[k] === after[k])) return { ok: true, changed: false };
    await tx.domain.update({ where: { id: pm.domainId }, data: after });
    await recordAuditEvent(
      {
        actor: postmasterActor(pm),
        action: AuditAction.recoverySettingsChanged,
        domainId: pm.domainId,
        meta,
        target: { kind: "DOMAIN", id: pm.domainId, label: before.name },
        detail: { before: Object.fromEntries(KEYS.map((k) => [k, before[k]])), after: { ...after } },
      },
      tx,
    );
    return { ok: true, changed: true };
  });
}
