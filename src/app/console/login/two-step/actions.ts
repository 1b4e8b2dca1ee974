"use server";
import { secondStepActions } from "@/app/_actions/second-step-actions";

const actions = secondStepActions("cloud", { ended: "/console/login?notice=two-step-ended", landing: () => "/console" });

/** An operator has no secure mobile: its page offers no "Send code", and the action answers "not available". */
export const sendConsoleLogonCodeAction = actions.sendCode;
/** "Verify": the authenticator app's code or a recovery code; the console session starts. */
export const verifyConsoleSecondStepAction = actions.verify;
