import { z } from "zod";
import { passwordInput, smsCodeInput } from "@/lib/fields";
import { mailUser } from "@/web/actions/action-guards";

/** Account Security: every action is for the signed-in mail account itself (the guard re-checks the session). */
export const signedIn = mailUser({ allowTwoStepSetup: true });

/** A change that asks for the current password and nothing else (Remove). */
export const currentPasswordSchema = z.object({ currentPassword: passwordInput("Fields.errors.currentPasswordRequired") });

/** The code sent to a mobile or a backup address (Verify). */
export const codeSchema = z.object({ code: smsCodeInput });
