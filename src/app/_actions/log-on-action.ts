import "server-only";
import { z } from "zod";
import { captchaInput, emailField, passwordInput } from "@/lib/fields";
import { goTo, reloadAt, type FormAction } from "@/lib/form-state";
import { adoptAccountLocale } from "@/server/accounts/account-locale";
import { logOn } from "@/server/auth/log-on";
import type { CredentialKind } from "@/server/auth/credential-store";
import { readCaptchaId } from "@/web/captcha-cookie";
import { sendNoticeAfterResponse } from "@/web/notices";
import { rememberLocale } from "@/web/i18n";
import { startSession } from "@/web/session";
import { readTrustedBrowser, setPendingTwoStep } from "@/web/two-step-cookie";
import { anyone } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";

const logOnSchema = z.object({ email: emailField, password: passwordInput("Fields.errors.passwordRequired"), captcha: captchaInput });

/** The logon action of the mail logon page and of the cloud console (same rules, other table and cookie). */
export function makeLogOnAction(kind: CredentialKind, landing: (r: { role: string; mustChangePassword: boolean }) => string): FormAction {
  return createAction({
    name: kind === "mail" ? "logon" : "console_logon",
    guard: anyone,
    schema: logOnSchema,
    run: async (data, { meta, t }) => {
      const input = {
        login: data.email,
        password: data.password,
        captchaId: await readCaptchaId(),
        captchaAnswer: data.captcha,
        trustedBrowser: await readTrustedBrowser(),
      };
      const result = await logOn({ kind, ...input }, meta);
      if (!result.ok) {
        // A lock's notice to the owner goes after the response: the answer is the same either way.
        sendNoticeAfterResponse(result.notices);
        return {
          status: "error",
          formError: t(`Logon.errors.${result.error}`),
          fieldErrors: result.error === "captcha" ? { captcha: [t("Logon.errors.captcha")] } : {},
          values: { email: data.email },
          flags: { captchaRequired: result.captchaRequired },
          attempt: Date.now(),
        };
      }
      if (result.ok === "second_step") {
        await setPendingTwoStep(result.pending);
        return goTo(TWO_STEP_PATH[kind]);
      }
      const { localeChanged } = await signIn(kind, result, meta);
      return (localeChanged ? reloadAt : goTo)(landing(result));
    },
  });
}

/** The second logon step's page of each logon. */
export const TWO_STEP_PATH: Record<CredentialKind, string> = { mail: "/login/two-step", cloud: "/console/login/two-step" };

/**
 * The logon is complete (password, and the second step when one was due): the account's language and a
 * fresh session. `localeChanged`: the account's language is not the one this page was drawn in.
 */
export async function signIn(
  kind: CredentialKind,
  account: { accountId: string; sessionVersion: number; locale: string | null; setupOnly?: boolean },
  meta: { locale?: string | null } & Parameters<typeof startSession>[2],
): Promise<{ localeChanged: boolean }> {
  const current = meta.locale ?? "en";
  const locale = await adoptAccountLocale({ kind, accountId: account.accountId, stored: account.locale, current });
  await rememberLocale(locale);
  const session = { id: account.accountId, sessionVersion: account.sessionVersion, setupOnly: account.setupOnly };
  await startSession(kind === "mail" ? "mail" : "console", session, meta);
  return { localeChanged: locale !== current };
}
