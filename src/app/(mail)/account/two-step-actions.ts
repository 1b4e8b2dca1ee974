"use server";
import { twoStepSettingsActions } from "@/app/_actions/two-step-settings";
import { signedIn } from "./signed-in";

/** Account Security > Two-step logon: the account's own authenticator app (components/account/two-step-card.tsx). */
const twoStep = twoStepSettingsActions({
  prefix: "totp",
  guard: signedIn,
  owner: ({ user }) => ({ kind: "mail", id: user.id }),
  page: "/account",
  disabledPath: "/account?done=totp-disabled#two-step",
  wrongPassword: (t) => t("Password.errors.currentWrong"),
  logOnAgainAfterSetup: ({ user }) => user.twoStepSetupRequired,
});
export const startTotpSetupAction = twoStep.start;
export const cancelTotpSetupAction = twoStep.cancel;
export const confirmTotpSetupAction = twoStep.confirm;
export const regenerateRecoveryCodesAction = twoStep.regenerate;
export const disableTotpAction = twoStep.disable;
