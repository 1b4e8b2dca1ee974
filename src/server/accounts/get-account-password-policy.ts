import "server-only";
import type { PasswordChangeReason } from "@/generated/prisma/enums";
import type { PasswordPolicyView } from "@/lib/password-policy";
import { getDb } from "@/server/db";
import { DOMAIN_POLICY_SELECT, domainPasswordPolicy } from "@/server/passwords/domain-password-policy";

/**
 * Change Password's data: the rules of the account's domain for the live
 * checklist (the server enforces them again) and, when a change is required,
 * why (the page says so before the form).
 */
export async function getAccountPasswordPolicy(input: {
  accountId: string;
}): Promise<{ policy: PasswordPolicyView; mustChangeReason: PasswordChangeReason | null } | null> {
  const a = await getDb().mailAccount.findUnique({
    where: { id: input.accountId },
    select: { mustChangePassword: true, mustChangeReason: true, domain: { select: DOMAIN_POLICY_SELECT } },
  });
  if (!a) return null;
  return { policy: domainPasswordPolicy(a.domain), mustChangeReason: a.mustChangePassword ? a.mustChangeReason : null };
}
