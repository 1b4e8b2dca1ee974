"use client";
import { useTranslations } from "next-intl";
import { CaptchaField } from "@/components/captcha-field";
import { SubmitButton } from "@/components/submit-button";
import { Alert, FormErrorAlert, EmailAddressField } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, type FormAction } from "@/lib/form-state";
import { StepHeading } from "./step-heading";
import { useFormAction } from "@/components/use-form-action";

/** Step 1, "Account": "Email address", the image verification code, "Next". */
export function AccountStep({ action, notice }: { action: FormAction; notice: string | null }) {
  const t = useTranslations("Recovery");
  const [state, formAction] = useFormAction(action);
  const formRef = useFocusOnError(state);
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <div>
        <StepHeading step="account">{t("steps.account")}</StepHeading>
        <p className="mt-1 text-sm text-slate-600">{t("account.intro")}</p>
      </div>
      {notice && state.status === "idle" ? <Alert kind="warning">{notice}</Alert> : null}
      <FormErrorAlert state={state} />
      <EmailAddressField state={state} />
      <CaptchaField
        errors={errorsOf(state, "captcha")}
        refreshKey={state.status === "error" ? state.attempt : 0}
        refreshHref="/forgot-password"
      />
      <div className="pt-2">
        <SubmitButton pendingText={t("checking")}>{t("next")}</SubmitButton>
      </div>
    </form>
  );
}
