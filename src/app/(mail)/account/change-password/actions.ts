"use server";
import { z } from "zod";
import { passwordInput } from "@/lib/fields";
import { fieldErrors, redirectTo } from "@/lib/form-state";
import { changeOwnPassword } from "@/server/passwords/change-own-password";
import { mailUser } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { translateFieldErrors } from "@/web/i18n";
import { endSession, startSession } from "@/web/session";

const schema = z.object({
  currentPassword: passwordInput("Fields.errors.currentPasswordRequired"),
  password: passwordInput("Fields.errors.newPasswordRequired"),
  confirmPassword: passwordInput("Fields.errors.newPasswordAgainRequired"),
});

/**
 * Change Password (also the one page open to an account that must change its password, and the first
 * step of a provisioned account that must also set up two-step logon).
 */
export const changePasswordAction = createAction({
  name: "password.change",
  guard: mailUser({ allowMustChange: true, allowTwoStepSetup: true }),
  schema,
  run: async (data, { user, meta, t }) => {
    const result = await changeOwnPassword({ kind: "mail", accountId: user.id, ...data }, meta);
    if (!result.ok && result.error === "signed_out") {
      await endSession("mail");
      return redirectTo("/login?notice=reauth-failed");
    }
    if (!result.ok) return fieldErrors(translateFieldErrors(t, result.fieldErrors));
    // Every other session ended with the new version; this browser keeps a fresh one, setup-only as
    // long as two-step logon is still to be set up (a new password must not lift that restriction).
    await startSession("mail", { id: user.id, sessionVersion: result.sessionVersion, setupOnly: user.twoStepSetupRequired }, meta);
    return redirectTo(user.role === "POSTMASTER" && !user.twoStepSetupRequired ? "/admin?changed=1" : "/account?changed=1");
  },
});
