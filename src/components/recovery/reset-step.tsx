"use client";
import { useTranslations } from "next-intl";
import { PasswordFields } from "@/components/password-fields";
import { SubmitButton } from "@/components/submit-button";
import { ActionForm } from "@/components/action-form";
import { errorsOf, type FormAction } from "@/lib/form-state";
import { StepHeading } from "./step-heading";
import type { PasswordPolicyView } from "@/lib/password-policy";

/** Step 3, "Set a new password": the live checklist knows the address and the domain's weak keywords. */
export function ResetStep({ action, address, policy }: { action: FormAction; address: string; policy: PasswordPolicyView }) {
  const t = useTranslations("Recovery");
  return (
    <ActionForm
      action={action}
      className="space-y-4"
      head={() => (
        <div>
          <StepHeading step="reset">{t("steps.reset")}</StepHeading>
          <p className="mt-1 text-sm text-slate-600">
            {t.rich("reset.intro", {
              address,
              addr: (chunks) => <span className="font-medium text-slate-900">{chunks}</span>,
            })}
          </p>
        </div>
      )}
    >
      {(state) => (
        <>
          <PasswordFields
            email={address}
            policy={policy}
            errors={{ password: errorsOf(state, "password"), confirmPassword: errorsOf(state, "confirmPassword") }}
          />
          <div className="pt-2">
            <SubmitButton pendingText={t("reset.saving")}>{t("reset.submit")}</SubmitButton>
          </div>
        </>
      )}
    </ActionForm>
  );
}
