"use server";
import { changeOwnPasswordAction } from "@/app/_actions/change-own-password";
import { twoStepSettingsActions } from "@/app/_actions/two-step-settings";
import { changeConsolePassword } from "@/server/console/change-console-password";
import { operator, operatorChangingPassword } from "@/web/actions/action-guards";

/** The operator changes its own console password. */
export const changeConsolePasswordAction = changeOwnPasswordAction({
  name: "change_console_password",
  guard: operatorChangingPassword,
  kind: "console",
  change: (data, { operator: op, meta }) => changeConsolePassword({ operator: op, ...data }, meta),
  signedOutAt: "/console/login?notice=reauth",
  session: ({ operator: op }) => ({ id: op.id }),
  done: () => "/console/password?changed=1",
});

/** Two-step logon for the operator itself: its own authenticator app, by its choice. */
const twoStep = twoStepSettingsActions({
  prefix: "console.totp",
  guard: operator,
  owner: ({ operator: op }) => ({ kind: "cloud", id: op.id }),
  page: "/console/password",
  disabledPath: "/console/password?totp=off",
  wrongPassword: (t) => t("Console.errors.consolePasswordWrong"),
});
export const startConsoleTotpSetupAction = twoStep.start;
export const cancelConsoleTotpSetupAction = twoStep.cancel;
export const confirmConsoleTotpSetupAction = twoStep.confirm;
export const regenerateConsoleRecoveryCodesAction = twoStep.regenerate;
export const disableConsoleTotpAction = twoStep.disable;
