"use client";
import { useTranslations } from "next-intl";
import { CaptchaField } from "@/components/captcha-field";
import { SubmitButton } from "@/components/submit-button";
import { ActionForm } from "@/components/action-form";
import { Alert, EmailAddressField } from "@/components/ui";
import { errorsOf, type FormAction } from "@/lib/form-state";
import { StepHeading } from "./step-heading";

/** Step 1, "Account": "Email address", the image verification code, "Next". */
export function AccountStep({ action, notice }: { action: FormAction; notice: string | null }) {
  const t = useTranslations("Recovery");
  return (
    <ActionForm
      action={action}
      className="space-y-4"
      head={(state) => (
        <>
          <div>
            <StepHeading step="account">{t("steps.account")}</StepHeading>
            <p className="mt-1 text-sm text-slate-600">{t("account.intro")}</p>
          </div>
          {notice && state.status === "idle" ? <Alert kind="warning">{notice}</Alert> : null}
        </>
      )}
    >
      {(state) => (
        <>
          <EmailAddressField state={state} />
          <CaptchaField
            errors={errorsOf(state, "captcha")}
            refreshKey={state.status === "error" ? state.attempt : 0}
            refreshHref="/forgot-password"
          />
          <div className="pt-2">
            <SubmitButton pendingText={t("checking")}>{t("next")}</SubmitButton>
          </div>
        </>
      )}
    </ActionForm>
  );
}
