"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { checkboxDefaultOn, idField, passwordInput } from "@/lib/fields";
import type { FormState } from "@/lib/form-state";
import { isFormData, validatedAction } from "@/server/actions/validated-action";
import { authorizeOperator } from "@/server/auth/guards";
import { endSession, markReauthenticated } from "@/server/auth/session";
import { now } from "@/server/clock";
import { isReauthFresh } from "@/server/console/reauth-window";
import { refuseConsoleRequest } from "@/server/console/refuse-console-request";
import { resetPostmasterPassword } from "@/server/console/reset-postmaster-password";
import { getRequestMeta } from "@/server/request-meta";
import type { Operator } from "@/server/auth/load-session-account";

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

const MESSAGES = {
  not_found: "This domain is not one of your email services.",
  no_postmaster: "This domain has no postmaster account.",
} as const;

const handle = (operator: Operator) =>
  validatedAction(
    isReauthFresh(operator.reauthAt, now().getTime()) ? schema : schemaWithConsolePassword,
    async (data): Promise<FormState> => {
      const result = await resetPostmasterPassword({ operator, ...data }, await getRequestMeta());
      if ("reauthenticated" in result && result.reauthenticated) await markReauthenticated();
      if (result.ok) redirect(`/console/domains/${data.domainId}?reset=done`);
      if (result.error === "reauth_blocked") {
        // Every console session of the operator has ended on the server; this browser's cookie goes too.
        await endSession("console");
        redirect("/console/login?notice=reauth");
      }
      if (result.error === "invalid")
        return {
          status: "error",
          fieldErrors: result.fieldErrors,
          flags: { reauthenticated: result.reauthenticated },
          attempt: Date.now(),
        };
      return { status: "error", fieldErrors: {}, formError: MESSAGES[result.error], attempt: Date.now() };
    },
  );

/** Scenario 3, step 4 ("click Submit"): guard first, then parse, then the one domain function. */
export async function resetPostmasterPasswordAction(prev: FormState, formData: FormData): Promise<FormState> {
  const auth = await authorizeOperator();
  if (!auth.ok) {
    const domainId = isFormData(formData) ? formData.get("domainId") : null;
    await refuseConsoleRequest("reset_postmaster_password", typeof domainId === "string" ? domainId : null);
    redirect("/console/login?notice=expired");
  }
  return handle(auth.user)(prev, formData);
}
