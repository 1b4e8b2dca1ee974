"use client";
import { useTranslations } from "next-intl";
import { PasswordFields } from "@/components/password-fields";
import { SubmitButton } from "@/components/submit-button";
import { ActionForm } from "@/components/action-form";
import { CurrentPasswordField } from "@/components/ui";
import { errorsOf, type FormAction } from "@/lib/form-state";
import type { PasswordPolicyView } from "@/lib/password-policy";

interface Props {
  action: FormAction;
  email: string;
  policy: PasswordPolicyView;
}

/**
 * Current password + new + confirm with the live policy checklist (mail
 * accounts and operators). Reads the "Fields" and "Password" messages.
 */
export function ChangePasswordForm({ action, email, policy }: Props) {
  const t = useTranslations("Password");
  return (
    <ActionForm action={action} className="space-y-4">
      {(state) => (
        <>
          <CurrentPasswordField state={state} />
          <PasswordFields
            email={email}
            policy={policy}
            errors={{ password: errorsOf(state, "password"), confirmPassword: errorsOf(state, "confirmPassword") }}
          />
          <SubmitButton pendingText={t("saving")}>{t("save")}</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
