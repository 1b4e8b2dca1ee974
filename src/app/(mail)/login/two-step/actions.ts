"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { fieldErrors, formError } from "@/lib/form-state";
import { anyone } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { signIn } from "@/web/actions/log-on-action";
import { clearPendingTwoStep, readPendingTwoStep, rememberTrustedBrowser } from "@/web/two-step-cookie";
import { completeTwoStep, sendLogonCode } from "@/server/two-step/two-step-logon";
import { mailLanding } from "../landing";

const ENDED = "/login?notice=two-step-ended";
const PAGE = "/login/two-step";

/** "Send code" / "Resend code": an SMS code to the secure mobile. */
export const sendLogonCodeAction = createAction({
  name: "logon.two_step.send_code",
  guard: anyone,
  schema: z.object({}),
  run: async (_data, { meta, t }) => {
    const r = await sendLogonCode(await readPendingTwoStep(), meta);
    if (r.ok) redirect(PAGE);
    if (r.error === "ended") {
      await clearPendingTwoStep();
      redirect(ENDED);
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
});

const verifySchema = z.object({
  method: z.enum(["SMS", "TOTP", "RECOVERY_CODE"], { error: "TwoStep.errors.methodUnavailable" }),
  code: z.string({ error: "TwoStep.errors.codeRequired" }).trim().min(1, "TwoStep.errors.codeRequired").max(32, "TwoStep.errors.wrongCode"),
  trust: z.literal("on").optional(),
});

/** "Verify": the second step passes, the session starts (and the browser is trusted when asked). */
export const verifySecondStepAction = createAction({
  name: "logon.two_step.verify",
  guard: anyone,
  schema: verifySchema,
  run: async (data, { meta, t }) => {
    const code = data.method === "RECOVERY_CODE" ? data.code : data.code.replace(/\s+/g, "");
    const r = await completeTwoStep(await readPendingTwoStep(), { method: data.method, code }, meta);
    if (r.ok) {
      await clearPendingTwoStep();
      if (data.trust) await rememberTrustedBrowser({ id: r.account.accountId, sessionVersion: r.account.sessionVersion });
      await signIn("mail", r.account, meta);
      redirect(mailLanding(r.account));
    }
    if (r.error === "ended" || (r.error === "wrong_code" && r.ended)) {
      await clearPendingTwoStep();
      redirect(ENDED);
    }
    if (r.error === "method_unavailable") return formError(t("TwoStep.errors.methodUnavailable"));
    return fieldErrors({ code: [t("TwoStep.errors.wrongCode")] });
  },
});
