"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { CaptchaField } from "@/components/captcha-field";
import { SubmitButton } from "@/components/submit-button";
import { ActionForm } from "@/components/action-form";
import { Alert, linkClass, TextField, EmailAddressField } from "@/components/ui";
import { errorsOf, type FormAction } from "@/lib/form-state";

interface Props {
  action: FormAction;
  forgotPasswordHref?: string;
  notice?: string;
  /** This page's address with the image code showing (the captcha's "Refresh" without JavaScript). */
  captchaHref: string;
  /** Show the image code from the start (after "Refresh" without JavaScript). */
  captchaShown?: boolean;
}

/** "Email address", "Password", "Log On" (and the image code after repeated failures). */
export function LogOnForm({ action, forgotPasswordHref, notice, captchaHref, captchaShown }: Props) {
  const t = useTranslations();
  return (
    <ActionForm
      action={action}
      className="space-y-4"
      head={(state) => (notice && state.status === "idle" ? <Alert kind="info">{notice}</Alert> : null)}
    >
      {(state) => (
        <>
          <EmailAddressField state={state} />
          <TextField
            label={t("Fields.password")}
            name="password"
            type="password"
            autoComplete="current-password"
            errors={errorsOf(state, "password")}
            required
          />
          {captchaShown || (state.status === "error" && state.flags?.captchaRequired) ? (
            <CaptchaField
              errors={errorsOf(state, "captcha")}
              refreshKey={state.status === "error" ? state.attempt : 0}
              refreshHref={captchaHref}
            />
          ) : null}
          <div className="flex items-center justify-between pt-2">
            <SubmitButton pendingText={t("Logon.pending")} busy={state.status === "redirect"}>
              {t("Logon.submit")}
            </SubmitButton>
            {forgotPasswordHref ? (
              <Link href={forgotPasswordHref} className={`text-sm ${linkClass}`}>
                {t("Logon.forgotPassword")}
              </Link>
            ) : null}
          </div>
        </>
      )}
    </ActionForm>
  );
}
