"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { CaptchaField } from "@/components/captcha-field";
import { SubmitButton } from "@/components/submit-button";
import { Alert, linkClass, TextField, FormErrorAlert, EmailAddressField } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, type FormAction } from "@/lib/form-state";
import { useFormAction } from "@/components/use-form-action";

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
  const [state, formAction] = useFormAction(action);
  const formRef = useFocusOnError(state);
  const captchaRequired = captchaShown || (state.status === "error" && state.flags?.captchaRequired);
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      {notice && state.status === "idle" ? <Alert kind="info">{notice}</Alert> : null}
      <FormErrorAlert state={state} />
      <EmailAddressField state={state} />
      <TextField
        label={t("Fields.password")}
        name="password"
        type="password"
        autoComplete="current-password"
        errors={errorsOf(state, "password")}
        required
      />
      {captchaRequired ? (
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
    </form>
  );
}
