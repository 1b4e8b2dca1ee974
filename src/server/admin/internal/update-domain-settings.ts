import "server-only";
import type { AuditActionName } from "@/server/audit/audit-action";
import { transaction } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import type { Postmaster } from "../postmaster";
import { auditDomainChange } from "./audit-domain-change";

/** The domain's on/off settings a postmaster saves on the Password Policy page. */
export type DomainSettingKey =
  | "allowSmsRecovery"
  | "allowQuestionRecovery"
  | "allowEmailRecovery"
  | "notifyPostmasterOfSelfServiceResets"
  | "requireTwoStepForEmployees";

export type UpdateDomainSettingsResult = { ok: true; changed: boolean };

/**
 * Saves some of the postmaster's domain settings, in one transaction with its audit event (before and after);
 * an unchanged save writes and audits nothing.
 */
export async function updateDomainSettings<K extends DomainSettingKey>(
  input: { postmaster: Postmaster; action: AuditActionName; values: Record<K, boolean> },
  meta: RequestMeta,
): Promise<UpdateDomainSettingsResult> {
  const pm = input.postmaster;
  const keys = Object.keys(input.values) as K[];
  return transaction(async (tx) => {
    const row = (await tx.domain.findUniqueOrThrow({
      where: { id: pm.domainId },
      select: {
        name: true,
        allowSmsRecovery: true,
        allowQuestionRecovery: true,
        allowEmailRecovery: true,
        notifyPostmasterOfSelfServiceResets: true,
        requireTwoStepForEmployees: true,
      },
    })) satisfies { name: string } & Record<DomainSettingKey, boolean>;
    const before = Object.fromEntries(keys.map((k) => [k, row[k]])) as Record<K, boolean>;
    if (keys.every((k) => before[k] === input.values[k])) return { ok: true, changed: false };
    await tx.domain.update({ where: { id: pm.domainId }, data: input.values });
    await auditDomainChange(
      pm,
      {
        action: input.action,
        meta,
        target: { kind: "DOMAIN", id: pm.domainId, label: row.name },
        detail: { before, after: { ...input.values } },
      },
      tx,
    );
    return { ok: true, changed: true };
  });
}
