"use server";
import { z } from "zod";
import { idField, phoneNumberFields, smsCodeInput } from "@/lib/fields";
import { fieldErrors, formError, goTo, redirectTo, redrawAt } from "@/lib/form-state";
import { confirmPostmasterMobileReset, startPostmasterMobileReset } from "@/server/console/reset-postmaster-mobile";
import { operator } from "@/web/actions/action-guards";
import { withConsolePassword } from "../console-reauth";
import { createAction } from "@/web/actions/create-action";
import { translateFieldErrors } from "@/web/i18n";
import { sendNoticeAfterResponse } from "@/web/notices";
import { endSession, markReauthenticated } from "@/web/session";

const page = (domainId: string) => `/console/domains/${encodeURIComponent(domainId)}/reset-mobile`;

const numberSchema = withConsolePassword({ domainId: idField, ...phoneNumberFields });

/** Reset Secure Mobile, step 1: the new number and the console password → "Send verification code". */
export const startPostmasterMobileResetAction = createAction({
  name: "reset_postmaster_mobile.start",
  guard: operator,
  schema: numberSchema,
  run: async (data, { operator: op, meta, t }) => {
    const result = await startPostmasterMobileReset({ operator: op, ...data }, meta);
    if ("reauthenticated" in result && result.reauthenticated) await markReauthenticated();
    if (result.ok) return redrawAt(page(data.domainId));
    switch (result.error) {
      case "reauth_blocked":
        await endSession("console");
        return redirectTo("/console/login?notice=reauth");
      case "invalid":
        return { ...fieldErrors(translateFieldErrors(t, result.fieldErrors)), flags: { reauthenticated: result.reauthenticated } };
      case "resend_wait":
        return formError(t("Console.mobile.errors.resendWait", { seconds: Math.ceil(result.waitMs / 1000) }));
      case "rate_limited":
        return formError(t("Console.mobile.errors.rateLimited", { minutes: Math.max(1, Math.ceil(result.retryAfterMs / 60_000)) }));
      case "send_failed":
        return formError(t("Console.mobile.errors.sendFailed"));
      default:
        return formError(t(`Console.errors.${result.error}`));
    }
  },
});

/** Reset Secure Mobile, step 2: the 6-digit code from the new number → Submit (提交). */
export const confirmPostmasterMobileResetAction = createAction({
  name: "reset_postmaster_mobile.confirm",
  guard: operator,
  schema: z.object({
    domainId: idField,
    code: smsCodeInput,
  }),
  run: async (data, { operator: op, meta, t }) => {
    const result = await confirmPostmasterMobileReset({ operator: op, domainId: data.domainId, code: data.code }, meta);
    if (result.ok) {
      sendNoticeAfterResponse(result.notices);
      return goTo(`/console/domains/${encodeURIComponent(data.domainId)}?mobile=done`);
    }
    switch (result.error) {
      case "wrong_code":
        return fieldErrors({ code: [t("Console.mobile.errors.wrongCode", { count: result.attemptsLeft })] });
      case "expired":
      case "voided":
      case "no_pending":
        return formError(t(`Console.mobile.errors.${result.error === "no_pending" ? "noPending" : result.error}`));
      default:
        return formError(t(`Console.errors.${result.error}`));
    }
  },
});
