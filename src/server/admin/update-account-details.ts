import "server-only";
import { DISPLAY_NAME_MAX } from "@/lib/fields";
import { msg, type MessageRef } from "@/lib/message-ref";
import { AuditAction } from "@/server/audit/audit-action";
import { transaction } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { findDomainDepartment, findDomainAccount } from "./internal/postmaster-access";
import type { Postmaster } from "./postmaster";
import { auditDomainChange } from "./internal/audit-domain-change";

export interface AccountDetailsInput {
  postmaster: Postmaster;
  accountId: string;
  displayName: string;
  /** A department of the domain, or null for none. */
  departmentId: string | null;
}

export type UpdateAccountDetailsResult =
  | { ok: true; address: string; changed: boolean }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "invalid"; fieldErrors: { displayName?: MessageRef[]; departmentId?: MessageRef[] } };

const ATTEMPT = "account.update";

/**
 * Edit Account > Account details > Save account details: the display name and
 * the department (the domain's tree) of any account of the postmaster's
 * domain, its own included. One transaction with an audit event that names
 * what changed, before and after.
 */
export async function updateAccountDetails(input: AccountDetailsInput, meta: RequestMeta): Promise<UpdateAccountDetailsResult> {
  const pm = input.postmaster;
  const target = await findDomainAccount(pm, input.accountId, ATTEMPT, meta);
  if (!target.ok) return target;
  const { account } = target;
  const displayName = input.displayName.trim();
  if (!displayName) return { ok: false, error: "invalid", fieldErrors: { displayName: [msg("Fields.errors.displayNameRequired")] } };
  if (displayName.length > DISPLAY_NAME_MAX)
    return {
      ok: false,
      error: "invalid",
      fieldErrors: { displayName: [msg("Fields.errors.displayNameTooLong", { max: DISPLAY_NAME_MAX })] },
    };
  let department: { id: string; name: string } | null = null;
  if (input.departmentId) {
    const found = await findDomainDepartment(pm, input.departmentId, ATTEMPT, meta);
    if (!found.ok) return { ok: false, error: "invalid", fieldErrors: { departmentId: [msg("Admin.account.errors.departmentGone")] } };
    department = found.department;
  }
  return transaction(async (tx) => {
    const before = await tx.mailAccount.findUniqueOrThrow({
      where: { id: account.id },
      select: { displayName: true, department: { select: { id: true, name: true } } },
    });
    const nameChanged = before.displayName !== displayName;
    const departmentChanged = (before.department?.id ?? null) !== (department?.id ?? null);
    if (!nameChanged && !departmentChanged) return { ok: true, address: account.address, changed: false };
    await tx.mailAccount.update({ where: { id: account.id }, data: { displayName, departmentId: department?.id ?? null } });
    await auditDomainChange(
      pm,
      {
        action: AuditAction.accountUpdated,
        target: { kind: "MAIL_ACCOUNT", id: account.id, label: account.address },
        meta,
        detail: {
          ...(nameChanged ? { displayName: { before: before.displayName, after: displayName } } : {}),
          ...(departmentChanged ? { department: { before: before.department?.name ?? null, after: department?.name ?? null } } : {}),
        },
      },
      tx,
    );
    return { ok: true, address: account.address, changed: true };
  });
}
