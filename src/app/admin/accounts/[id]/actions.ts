"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { checkboxDefaultOn, idField, passwordInput } from "@/lib/fields";
import { formError, type FormState } from "@/lib/form-state";
import { FORBIDDEN_MESSAGE, NOT_FOUND_MESSAGE, postmasterAction } from "@/server/admin/postmaster-action";
import { resetEmployeePassword } from "@/server/admin/reset-employee-password";
import { signOutEverywhere } from "@/server/admin/sign-out-everywhere";
import { unlockAccount } from "@/server/admin/unlock-account";

const OWN_ACCOUNT_MESSAGE = "You cannot reset your own password here. Change it on Account Security > Change Password.";
const POSTMASTER_ACCOUNT_MESSAGE =
  "This is a postmaster account: its password and sessions are managed by the cloud operator in the Email Console. Nothing was changed.";
const REFUSALS = {
  own_account: OWN_ACCOUNT_MESSAGE,
  postmaster_account: POSTMASTER_ACCOUNT_MESSAGE,
  not_found: NOT_FOUND_MESSAGE,
  forbidden: FORBIDDEN_MESSAGE,
} as const;

const resetSchema = z.object({
  accountId: idField,
  password: passwordInput("a password"),
  confirmPassword: passwordInput("the password again"),
  mustChangePassword: checkboxDefaultOn,
});

export const resetPasswordAction = postmasterAction("password.reset", resetSchema, async (data, { user, meta }): Promise<FormState> => {
  const result = await resetEmployeePassword({ actorId: user.id, ...data }, meta);
  if (result.ok) redirect(`/admin/accounts/${encodeURIComponent(data.accountId)}?notice=password-reset&at=${result.changedAt.getTime()}`);
  if (result.error === "invalid") return { status: "error", fieldErrors: result.fieldErrors, attempt: Date.now() };
  return formError(REFUSALS[result.error]);
});

export const unlockAction = postmasterAction(
  "account.unlock",
  z.object({ accountId: idField }),
  async (data, { user, meta }): Promise<FormState> => {
    const result = await unlockAccount({ actorId: user.id, accountId: data.accountId }, meta);
    if (result.ok) redirect(`/admin/accounts/${encodeURIComponent(data.accountId)}?notice=unlocked`);
    return formError(result.error === "not_found" ? NOT_FOUND_MESSAGE : FORBIDDEN_MESSAGE);
  },
);

export const signOutEverywhereAction = postmasterAction(
  "sessions.sign_out_everywhere",
  z.object({ accountId: idField }),
  async (data, { user, meta }): Promise<FormState> => {
    const result = await signOutEverywhere({ actorId: user.id, accountId: data.accountId }, meta);
    if (result.ok) redirect(`/admin/accounts/${encodeURIComponent(data.accountId)}?notice=signed-out`);
    return formError(REFUSALS[result.error]);
  },
);
