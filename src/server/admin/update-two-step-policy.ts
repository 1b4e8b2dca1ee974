import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import type { RequestMeta } from "@/server/request-meta";
import type { Postmaster } from "./postmaster";
import { updateDomainSettings, type UpdateDomainSettingsResult } from "./internal/update-domain-settings";

/**
 * "Require two-step logon for employees" (postmasters always have it).
 * Employees without a method are then asked to set one up at their next
 * logon; audited with before and after.
 */
export function updateTwoStepPolicy(
  input: { postmaster: Postmaster; requireTwoStepForEmployees: boolean },
  meta: RequestMeta,
): Promise<UpdateDomainSettingsResult> {
  return updateDomainSettings(
    {
      postmaster: input.postmaster,
      action: AuditAction.twoStepPolicyChanged,
      values: { requireTwoStepForEmployees: input.requireTwoStepForEmployees },
    },
    meta,
  );
}
