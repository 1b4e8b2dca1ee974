import "server-only";
import { redirect } from "next/navigation";
import { z } from "zod";
import { captchaInput, emailField, passwordInput } from "@/lib/fields";
import type { FormState } from "@/lib/form-state";
import { validatedAction } from "@/server/actions/validated-action";
import { readCaptchaId } from "@/server/captcha/captcha-cookie";
import { getRequestMeta } from "@/server/request-meta";
import { logOn, LOGON_FAILED_MESSAGE } from "./log-on";
import { startSession } from "./session";
import type { CredentialKind } from "./credential-store";

const logOnSchema = z.object({ email: emailField, password: passwordInput("your password"), captcha: captchaInput });

const MESSAGES = {
  invalid: LOGON_FAILED_MESSAGE,
  captcha: "Enter the characters shown in the image to continue.",
  ip_blocked: "Too many failed logons from your network. Try again in an hour.",
} as const;

/** The logon action of the mail logon page and of the cloud console (same rules, other table and cookie). */
export function makeLogOnAction(kind: CredentialKind, landing: (r: { role: string; mustChangePassword: boolean }) => string) {
  return validatedAction(logOnSchema, async (data): Promise<FormState> => {
    const meta = await getRequestMeta();
    const result = await logOn(
      kind,
      { login: data.email, password: data.password, captchaId: await readCaptchaId(), captchaAnswer: data.captcha },
      meta,
    );
    if (!result.ok) {
      return {
        status: "error",
        formError: MESSAGES[result.error],
        fieldErrors: result.error === "captcha" ? { captcha: [MESSAGES.captcha] } : {},
        values: { email: data.email },
        flags: { captchaRequired: result.captchaRequired },
        attempt: Date.now(),
      };
    }
    await startSession(kind === "mail" ? "mail" : "console", { id: result.accountId, sessionVersion: result.sessionVersion });
    redirect(landing(result));
  });
}
