import "server-only";
import type { MessageRef } from "@/lib/message-ref";
import { maskPhone, normalizePhone } from "@/lib/phone";
import { AuditAction } from "@/server/audit/audit-action";
import type { RequestMeta } from "@/server/request-meta";
import { reauthenticate } from "./internal/account-context";
import { issueBindingCode, type IssueBindingCodeResult } from "./internal/issue-binding-code";

export interface StartMobileBindingInput {
  accountId: string;
  /** As typed: national form (read with `country`) or international with +country code. */
  phone: string;
  /** ISO 3166 alpha-2 of the country selector; a number typed with + overrides it. */
  country: string;
  currentPassword: string;
  meta: RequestMeta;
}

export type StartMobileBindingResult =
  | IssueBindingCodeResult
  | { ok: false; error: "invalid_phone"; message: MessageRef }
  | { ok: false; error: "same_number" }
  | { ok: false; error: "wrong_password" };

/**
 * Step 1 of binding or changing the secure mobile: the number is parsed to
 * E.164, the current password re-entered, and a code goes by SMS to the NEW
 * number. Nothing changes on the account until confirmMobileBinding().
 */
export async function startMobileBinding(input: StartMobileBindingInput): Promise<StartMobileBindingResult> {
  const parsed = normalizePhone(input.phone, input.country);
  if (!parsed.ok) return { ok: false, error: "invalid_phone", message: parsed.message };
  const account = await reauthenticate(input.accountId, input.currentPassword, {
    action: AuditAction.mobileBound,
    meta: input.meta,
    detail: { phone: maskPhone(parsed.e164) },
  });
  if (!account) return { ok: false, error: "wrong_password" };
  if (account.secureMobile === parsed.e164) return { ok: false, error: "same_number" };
  return issueBindingCode(account, { kind: "new", phone: parsed.e164 }, input.meta);
}
