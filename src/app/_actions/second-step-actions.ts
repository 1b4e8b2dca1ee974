import "server-only";
import { z } from "zod";
import { fieldErrors, formError, goTo, redirectTo, redrawAt, reloadAt, type FormAction } from "@/lib/form-state";
import type { CredentialKind } from "@/server/auth/credential-store";
import { completeTwoStep, sendLogonCode } from "@/server/two-step/two-step-logon";
import { clearPendingTwoStep, readPendingTwoStep, rememberTrustedBrowser } from "@/web/two-step-cookie";
import { sendNoticeAfterResponse } from "@/web/notices";
import { anyone } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { signIn, TWO_STEP_PATH } from "./log-on-action";
import { messageKey } from "@/lib/message-ref";

const verifySchema = z.object({
  method: z.enum(["SMS", "TOTP", "RECOVERY_CODE"], { error: messageKey("TwoStep.errors.methodUnavailable") }),
  code: z
    .string({ error: messageKey("TwoStep.errors.codeRequired") })
    .trim()
    .min(1, messageKey("TwoStep.errors.codeRequired"))
    .max(32, messageKey("TwoStep.errors.wrongCode")),
  trust: z.literal("on").optional(),
});

/**
 * The second logon step's actions (the mail logon's and the cloud console's):
 * "Send code" (SMS, mail accounts) and "Verify". An attempt that ended goes
 * back to the logon page with its notice.
 */
export function secondStepActions(
  kind: CredentialKind,
  opts: { ended: string; landing: (a: { role: string; mustChangePassword: boolean }) => string },
): { sendCode: FormAction; verify: FormAction } {
  const page = TWO_STEP_PATH[kind];
  const prefix = kind === "mail" ? "logon.two_step" : "console_logon.two_step";
  return {
    sendCode: createAction({
      name: `${prefix}.send_code`,
      guard: anyone,
      schema: z.object({}),
      run: async (_data, { meta, t }) => {
        const r = await sendLogonCode({ pending: await readPendingTwoStep(kind) }, meta);
        if (r.ok) return redrawAt(page);
        if (r.error === "ended") {
          await clearPendingTwoStep();
          return redirectTo(opts.ended);
        }
        switch (r.error) {
          case "resend_wait":
            return formError(t("Recovery.errors.resendWait", { seconds: Math.max(1, Math.ceil(r.waitMs / 1000)) }));
          case "send_limit":
            return formError(t("TwoStep.errors.sendLimited", { minutes: Math.max(1, Math.ceil(r.retryAfterMs / 60_000)) }));
          case "capped":
            return formError(t("Recovery.errors.capped"));
          case "method_unavailable":
            return formError(t("TwoStep.errors.methodUnavailable"));
          default:
            return formError(t("TwoStep.errors.sendFailed"));
        }
      },
    }),
    /** "Verify": the second step passes, the session starts (and the browser is trusted when asked). */
    verify: createAction({
      name: `${prefix}.verify`,
      guard: anyone,
      schema: verifySchema,
      run: async (data, { meta, t }) => {
        const code = data.method === "RECOVERY_CODE" ? data.code : data.code.replace(/\s+/g, "");
        const r = await completeTwoStep({ pending: await readPendingTwoStep(kind), method: data.method, code }, meta);
        if (r.ok) {
          await clearPendingTwoStep();
          if (data.trust) await rememberTrustedBrowser({ kind, id: r.account.accountId, sessionVersion: r.account.sessionVersion }, meta);
          const { localeChanged } = await signIn(kind, r.account, meta);
          return (localeChanged ? reloadAt : goTo)(opts.landing(r.account));
        }
        if (r.error === "wrong_code") sendNoticeAfterResponse(r.notices);
        if (r.error === "ended" || (r.error === "wrong_code" && r.ended)) {
          await clearPendingTwoStep();
          return redirectTo(opts.ended);
        }
        if (r.error === "method_unavailable") return formError(t("TwoStep.errors.methodUnavailable"));
        return fieldErrors({ code: [t("TwoStep.errors.wrongCode")] });
      },
    }),
  };
}
