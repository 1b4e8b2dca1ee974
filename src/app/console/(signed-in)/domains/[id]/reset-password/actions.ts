"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { checkboxDefaultOn, idField, passwordInput } from "@/lib/fields";
import { fieldErrors, formError } from "@/lib/form-state";
import { CONSOLE_MESSAGES } from "@/lib/messages/console";
import { now } from "@/server/clock";
import { isReauthFresh } from "@/server/console/reauth-window";
import { resetPostmasterPassword } from "@/server/console/reset-postmaster-password";
import type { Operator } from "@/server/auth/load-session-account";
import { operator } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { sendNoticeAfterResponse } from "@/web/notices";
import { endSession, markReauthenticated } from "@/web/session";

const schema = z.object({
  domainId: idField,
  password: passwordInput("a new password"),
  confirmPassword: passwordInput("the new password again"),
  mustChangePassword: checkboxDefaultOn,
  // May be left empty within 5 minutes of the last confirmation (the domain function decides).
  consolePassword: z
    .union([z.literal(""), passwordInput("your console password")])
    .optional()
    .default(""),
});
// Without a recent confirmation the console password is required like the rest, so an empty form shows every problem at once.
const schemaWithConsolePassword = schema.extend({ consolePassword: passwordInput("your console password") });

/** Scenario 3, step 4 ("click Submit"). */
export const resetPostmasterPasswordAction = createAction({
  name: "reset_postmaster_password",
  guard: operator,
  schema: ({ operator: op }: { operator: Operator }) => (isReauthFresh(op.reauthAt, now().getTime()) ? schema : schemaWithConsolePassword),
  run: async (data, { operator: op, meta }) => {
    const result = await resetPostmasterPassword({ operator: op, ...data }, meta);
    if ("reauthenticated" in result && result.reauthenticated) await markReauthenticated();
    if (result.ok) {
      sendNoticeAfterResponse(result.notice);
      redirect(`/console/domains/${data.domainId}?reset=done`);
    }
    if (result.error === "reauth_blocked") {
      // Every console session of the operator has ended on the server; this browser's cookie goes too.
      await endSession("console");
      redirect("/console/login?notice=reauth");
    }
    if (result.error === "invalid") return { ...fieldErrors(result.fieldErrors), flags: { reauthenticated: result.reauthenticated } };
    return formError(CONSOLE_MESSAGES[result.error]);
  },
});
