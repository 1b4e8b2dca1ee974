"use server";
import { changeOwnPasswordAction } from "@/app/_actions/change-own-password";
import { changeOwnPassword } from "@/server/passwords/change-own-password";
import { mailUser } from "@/web/actions/action-guards";

/**
 * Change Password (also the one page open to an account that must change its password, and the first
 * step of a provisioned account that must also set up two-step logon).
 */
export const changePasswordAction = changeOwnPasswordAction({
  name: "password.change",
  guard: mailUser({ allowMustChange: true, allowTwoStepSetup: true }),
  kind: "mail",
  change: (data, { user, meta }) => changeOwnPassword({ kind: "mail", accountId: user.id, ...data }, meta),
  signedOutAt: "/login?notice=reauth-failed",
  // Setup-only as long as two-step logon is still to be set up (a new password must not lift that restriction).
  session: ({ user }) => ({ id: user.id, setupOnly: user.twoStepSetupRequired }),
  done: ({ user }) => (user.role === "POSTMASTER" && !user.twoStepSetupRequired ? "/admin?changed=1" : "/account?changed=1"),
});
