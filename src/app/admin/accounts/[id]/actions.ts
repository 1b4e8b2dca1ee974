"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { checkboxDefaultOn, idField, passwordInput } from "@/lib/fields";
import { fieldErrors, formError } from "@/lib/form-state";
import { resetEmployeePassword } from "@/server/admin/reset-employee-password";
import { signOutEverywhere } from "@/server/admin/sign-out-everywhere";
import { unlockAccount } from "@/server/admin/unlock-account";
import type { RequestMeta } from "@/server/request-meta";
import { postmaster } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { translateFieldErrors } from "@/web/i18n";
import { sendNoticeAfterResponse } from "@/web/notices";

/** What each refusal of an account action says (catalog keys). */
const REFUSALS = {
  own_account: "Admin.errors.ownAccount",
  postmaster_account: "Admin.errors.postmasterAccount",
  not_found: "Admin.errors.notFound",
  forbidden: "Admin.errors.forbidden",
} as const;

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
  run: async (data, { user, meta, t }) => {
    const result = await resetEmployeePassword({ actorId: user.id, ...data }, meta);
    if (result.ok) {
      sendNoticeAfterResponse(result.notice);
      redirect(`${accountPage(data.accountId, "password-reset")}&at=${result.changedAt.getTime()}`);
    }
    if (result.error === "invalid") return fieldErrors(translateFieldErrors(t, result.fieldErrors));
    return formError(t(REFUSALS[result.error]));
  },
});

/** A one-click postmaster action on an account: one domain function, then the account page with its notice. */
function accountCommand(
  name: string,
  notice: string,
  run: (
    input: { actorId: string; accountId: string },
    meta: RequestMeta,
  ) => Promise<{ ok: true } | { ok: false; error: keyof typeof REFUSALS }>,
) {
  return createAction({
    name,
    guard: postmaster,
    schema: z.object({ accountId: idField }),
    run: async (data, { user, meta, t }) => {
      const result = await run({ actorId: user.id, accountId: data.accountId }, meta);
      if (result.ok) redirect(accountPage(data.accountId, notice));
      return formError(t(REFUSALS[result.error]));
    },
  });
}

export const unlockAction = accountCommand("account.unlock", "unlocked", unlockAccount);

export const signOutEverywhereAction = accountCommand("sessions.sign_out_everywhere", "signed-out", signOutEverywhere);
