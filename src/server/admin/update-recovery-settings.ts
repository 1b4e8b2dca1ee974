import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import type { RequestMeta } from "@/server/request-meta";
import type { Postmaster } from "./postmaster";
import { updateDomainSettings, type UpdateDomainSettingsResult } from "./internal/update-domain-settings";

export interface RecoverySettings {
  allowSmsRecovery: boolean;
  allowQuestionRecovery: boolean;
  allowEmailRecovery: boolean;
  /** An SMS to the postmaster's secure mobile after each self-service reset. */
  notifyPostmasterOfSelfServiceResets: boolean;
}

export type UpdateRecoverySettingsResult = UpdateDomainSettingsResult;

/**
 * Which self-service (Forgot Password) methods the domain's employees may use,
 * and whether the postmaster hears of each self-service reset. Audited with before and after.
 */
export function updateRecoverySettings(
  input: { postmaster: Postmaster } & RecoverySettings,
  meta: RequestMeta,
): Promise<UpdateRecoverySettingsResult> {
  const { postmaster, allowSmsRecovery, allowQuestionRecovery, allowEmailRecovery, notifyPostmasterOfSelfServiceResets } = input;
  return updateDomainSettings(
    {
      postmaster,
      action: AuditAction.recoverySettingsChanged,
      values: { allowSmsRecovery, allowQuestionRecovery, allowEmailRecovery, notifyPostmasterOfSelfServiceResets },
    },
    meta,
  );
}
