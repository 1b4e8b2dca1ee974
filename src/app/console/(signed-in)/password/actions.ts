"use server";
import { z } from "zod";
import { passwordInput } from "@/lib/fields";
import { fieldErrors, redirectTo } from "@/lib/form-state";
import { changeConsolePassword } from "@/server/console/change-console-password";
import { operator } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { twoStepSettingsActions } from "@/app/_actions/two-step-settings";
import { translateFieldErrors } from "@/web/i18n";
import { endSession, startSession } from "@/web/session";

const schema = z.object({
  currentPassword: passwordInput("Fields.errors.currentPasswordRequired"),
  password: passwordInput("Fields.errors.newPasswordRequired"),
  confirmPassword: passwordInput("Fields.errors.newPasswordAgainRequired"),
});

/** The operator changes its own console password. */
export const changeConsolePasswordAction = createAction({
  name: "change_console_password",
  guard: operator,
  schema,
  run: async (data, { operator: op, meta, t }) => {
    const result = await changeConsolePassword({ operator: op, ...data }, meta);
    if (!result.ok && result.error === "reauth_blocked") {
      await endSession("console");
      return redirectTo("/console/login?notice=reauth");
    }
    if (!result.ok) return fieldErrors(translateFieldErrors(t, result.fieldErrors));
    // Every console session of the operator ended with the new version; this browser keeps a fresh one.
    await startSession("console", { id: op.id, sessionVersion: result.sessionVersion }, meta);
    return redirectTo("/console/password?changed=1");
  },
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
