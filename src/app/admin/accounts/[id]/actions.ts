"use server";
import { z } from "zod";
import { checkboxDefaultOn, displayNameField, idField, passwordInput } from "@/lib/fields";
import { fieldErrors, goTo } from "@/lib/form-state";
import { ACCOUNT_ACTIONS, runAccountAction, type AccountActionName, type AccountActionRefusal } from "@/server/admin/account-actions";
import { resetEmployeePassword } from "@/server/admin/reset-employee-password";
import { updateAccountDetails } from "@/server/admin/update-account-details";
import { signOutEverywhere } from "@/server/admin/sign-out-everywhere";
import { unlockAccount } from "@/server/admin/unlock-account";
import type { Postmaster } from "@/server/admin/postmaster";
import type { RequestMeta } from "@/server/request-meta";
import { postmaster } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { translateFieldErrors } from "@/web/i18n";
import { sendNoticeAfterResponse } from "@/web/notices";
import { refusalState } from "@/web/refusals";
import { ADMIN_ACCOUNT_REFUSALS } from "./refusals";
import { messageKey } from "@/lib/message-ref";

const accountPage = (id: string, notice: string) => `/admin/accounts/${encodeURIComponent(id)}?notice=${notice}`;

/** Scenario 1, step 5: "Enter and confirm the password as required and click Save." */
export const resetPasswordAction = createAction({
  name: "password.reset",
  guard: postmaster,
  schema: z.object({
    accountId: idField,
    password: passwordInput("Fields.errors.anyPasswordRequired"),
    confirmPassword: passwordInput("Fields.errors.passwordAgainRequired"),
    mustChangePassword: checkboxDefaultOn,
  }),
  run: async (data, { pm, meta, t }) => {
    const result = await resetEmployeePassword({ postmaster: pm, ...data }, meta);
    if (result.ok) {
      sendNoticeAfterResponse(result.notice);
      return goTo(`${accountPage(data.accountId, "password-reset")}&at=${result.changedAt.getTime()}`);
    }
    if (result.error === "invalid") return fieldErrors(translateFieldErrors(t, result.fieldErrors));
    return refusalState(t, ADMIN_ACCOUNT_REFUSALS.resetPassword, result);
  },
});

/** Edit Account > Account details > Save account details. */
export const saveAccountDetailsAction = createAction({
  name: "account.update",
  guard: postmaster,
  schema: z.object({
    accountId: idField,
    displayName: displayNameField,
    departmentId: z.union([z.literal(""), idField]).transform((v) => v || null),
  }),
  run: async (data, { pm, meta, t }) => {
    const result = await updateAccountDetails({ postmaster: pm, ...data }, meta);
    if (result.ok) return goTo(accountPage(data.accountId, result.changed ? "details-saved" : "unchanged"));
    if (result.error === "invalid") return fieldErrors(translateFieldErrors(t, result.fieldErrors));
    return refusalState(t, ADMIN_ACCOUNT_REFUSALS.accountAction, result);
  },
});

/** The notice each action leaves on the page. */
const DONE: Record<AccountActionName, string> = {
  disable: "disabled",
  enable: "enabled",
  remove_mobile: "mobile-removed",
  clear_questions: "questions-cleared",
  sign_out: "signed-out",
  require_change: "change-required",
};

/** Edit Account's confirmed buttons: Disable / Enable, Remove secure mobile, Clear security questions, Require password change. */
export const accountAction = createAction({
  name: "account.action",
  guard: postmaster,
  schema: z.object({ accountId: idField, action: z.enum(ACCOUNT_ACTIONS, { error: messageKey("Fields.errors.idInvalid") }) }),
  run: async (data, { pm, meta, t }) => {
    const result = await runAccountAction({ postmaster: pm, accountId: data.accountId, action: data.action }, meta);
    if (!result.ok) return refusalState(t, ADMIN_ACCOUNT_REFUSALS.accountAction, result);
    sendNoticeAfterResponse(result.notices);
    return goTo(accountPage(data.accountId, result.changed ? DONE[data.action] : "unchanged"));
  },
});

/** A one-click postmaster action on an account: one domain function, then the account page with its notice. */
function accountCommand(
  name: string,
  notice: string,
  run: (input: { postmaster: Postmaster; accountId: string }, meta: RequestMeta) => Promise<{ ok: true } | AccountActionRefusal>,
) {
  return createAction({
    name,
    guard: postmaster,
    schema: z.object({ accountId: idField }),
    run: async (data, { pm, meta, t }) => {
      const result = await run({ postmaster: pm, accountId: data.accountId }, meta);
      if (result.ok) return goTo(accountPage(data.accountId, notice));
      return refusalState(t, ADMIN_ACCOUNT_REFUSALS.accountAction, result);
    },
  });
}

export const unlockAction = accountCommand("account.unlock", "unlocked", unlockAccount);

export const signOutEverywhereAction = accountCommand("sessions.sign_out_everywhere", "signed-out", signOutEverywhere);
