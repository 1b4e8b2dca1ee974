"use client";
import { useTranslations } from "next-intl";
import { PasswordFields } from "@/components/password-fields";
import { SubmitButton } from "@/components/submit-button";
import { FormErrorAlert, CurrentPasswordField } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, type FormAction } from "@/lib/form-state";
import { useFormAction } from "@/components/use-form-action";

interface Props {
  action: FormAction;
  email: string;
  weakKeywords: string[];
}

/**
 * Current password + new + confirm with the live policy checklist (mail
 * accounts and operators). Reads the "Fields" and "Password" messages.
 */
export function ChangePasswordForm({ action, email, weakKeywords }: Props) {
  const t = useTranslations("Password");
  const [state, formAction] = useFormAction(action);
  const formRef = useFocusOnError(state);
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormErrorAlert state={state} />
      <CurrentPasswordField state={state} />
      <PasswordFields
        email={email}
        weakKeywords={weakKeywords}
        errors={{ password: errorsOf(state, "password"), confirmPassword: errorsOf(state, "confirmPassword") }}
      />
      <SubmitButton pendingText={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
