import type { MessageKey } from "@/lib/message-ref";
import type { AccountActionRefusal } from "@/server/admin/account-actions";
import type { ResetEmployeePasswordResult } from "@/server/admin/reset-employee-password";
import type { RefusalTable } from "@/web/refusals";

/** Why a postmaster may not act on this account ("invalid" carries its own field messages). */
type AccountRefusalCode = AccountActionRefusal["error"];
type ResetRefusalCode = Exclude<Extract<ResetEmployeePasswordResult, { ok: false }>["error"], "invalid">;

const accountRefusals = {
  own_account: "Admin.errors.ownAccountAction",
  postmaster_account: "Admin.errors.postmasterAccount",
  not_found: "Admin.errors.notFound",
} as const satisfies Record<AccountRefusalCode, MessageKey>;

/** Edit Account's refusals, step by step: each code → its catalog key (always above the form). */
export const ADMIN_ACCOUNT_REFUSALS = {
  /** The confirmed buttons, Save account details, Unlock, Sign out everywhere. */
  accountAction: { keys: accountRefusals },
  /** Reset Password > Save: on one's own account the message names the password page instead. */
  resetPassword: {
    keys: { ...accountRefusals, own_account: "Admin.errors.ownAccount" } satisfies Record<ResetRefusalCode, MessageKey>,
  },
} satisfies Record<string, RefusalTable<string>>;
