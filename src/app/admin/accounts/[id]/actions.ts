"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { checkbox, idField, passwordInput } from "@/lib/fields";
import { formError, type FormState } from "@/lib/form-state";
import { FORBIDDEN_MESSAGE, NOT_FOUND_MESSAGE, postmasterAction } from "@/server/admin/postmaster-action";
import { resetEmployeePassword } from "@/server/admin/reset-employee-password";
import { unlockAccount } from "@/server/admin/unlock-account";

const OWN_ACCOUNT_MESSAGE = "You cannot reset your own password here. Change it on Account Security > Change Password.";

const resetSchema = z.object({
  accountId: idField,
  password: passwordInput("a password"),
  confirmPassword: passwordInput("the password again"),
  mustChangePassword: checkbox,
});

export const resetPasswordAction = postmasterAction("password.reset", resetSchema, async (data, { user, meta }): Promise<FormState> => {
  const result = await resetEmployeePassword({ actorId: user.id, ...data }, meta);
  if (result.ok) redirect(`/admin/accounts/${encodeURIComponent(data.accountId)}?notice=password-reset&at=${result.changedAt.getTime()}`);
  if (result.error === "invalid") return { status: "error", fieldErrors: result.fieldErrors, attempt: Date.now() };
  return formError(result.error === "own_account" ? OWN_ACCOUNT_MESSAGE : result.error === "not_found" ? NOT_FOUND_MESSAGE : FORBIDDEN_MESSAGE);
});

export const unlockAction = postmasterAction("account.unlock", z.object({ accountId: idField }), async (data, { user, meta }): Promise<FormState> => {
  const result = await unlockAccount({ actorId: user.id, accountId: data.accountId }, meta);
  if (result.ok) redirect(`/admin/accounts/${encodeURIComponent(data.accountId)}?notice=unlocked`);
  return formError(result.error === "not_found" ? NOT_FOUND_MESSAGE : FORBIDDEN_MESSAGE);
});
