"use server";
import { checkboxDefaultOn, idField, newPasswordFields } from "@/lib/fields";
import { fieldErrors, formError, redirectTo } from "@/lib/form-state";
import { resetPostmasterPassword } from "@/server/console/reset-postmaster-password";
import { operator } from "@/web/actions/action-guards";
import { withConsolePassword } from "../console-reauth";
import { createAction } from "@/web/actions/create-action";
import { translateFieldErrors } from "@/web/i18n";
import { sendNoticeAfterResponse } from "@/web/notices";
import { endSession, markReauthenticated } from "@/web/session";

const schema = withConsolePassword({
  domainId: idField,
  ...newPasswordFields,
  mustChangePassword: checkboxDefaultOn,
});

/** The domain function's refusals, as the form says them. */
const REFUSALS = { not_found: "Console.errors.not_found", no_postmaster: "Console.errors.no_postmaster" } as const;

/** Scenario 3, step 4 ("click Submit"). */
export const resetPostmasterPasswordAction = createAction({
  name: "reset_postmaster_password",
  guard: operator,
  schema,
  run: async (data, { operator: op, meta, t }) => {
    const result = await resetPostmasterPassword({ operator: op, ...data }, meta);
    if ("reauthenticated" in result && result.reauthenticated) await markReauthenticated();
    if (result.ok) {
      sendNoticeAfterResponse(result.notice);
      return redirectTo(`/console/domains/${data.domainId}?reset=done`);
    }
    if (result.error === "reauth_blocked") {
      // Every console session of the operator has ended on the server; this browser's cookie goes too.
      await endSession("console");
      return redirectTo("/console/login?notice=reauth");
    }
    if (result.error === "invalid") {
      // The flags keep the form's hint and its checkbox as they were (also when the page is drawn again without JavaScript).
      const flags = { reauthenticated: result.reauthenticated, mustChangePassword: data.mustChangePassword };
      return { ...fieldErrors(translateFieldErrors(t, result.fieldErrors)), flags };
    }
    return formError(t(REFUSALS[result.error]));
  },
});
