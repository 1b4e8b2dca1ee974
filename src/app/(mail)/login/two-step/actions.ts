"use server";
import { secondStepActions } from "@/app/_actions/second-step-actions";
import { mailLanding } from "../landing";

const actions = secondStepActions("mail", { ended: "/login?notice=two-step-ended", landing: mailLanding });

/** "Send code" / "Resend code": an SMS code to the secure mobile. */
export const sendLogonCodeAction = actions.sendCode;
/** "Verify": the second step passes and the session starts. */
export const verifySecondStepAction = actions.verify;
