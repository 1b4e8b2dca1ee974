"use client";
import { useActionState } from "react";
import { PasswordFields } from "@/components/password-fields";
import { SubmitButton } from "@/components/submit-button";
import { FormErrorAlert, CurrentPasswordField } from "@/components/ui";
import { errorsOf, idle, type FormAction } from "@/lib/form-state";

interface Props {
  action: FormAction;
  email: string;
  weakKeywords: string[];
}

/** Current password + new + confirm with the live policy checklist (mail accounts and operators). */
export function ChangePasswordForm({ action, email, weakKeywords }: Props) {
  const [state, formAction] = useActionState(action, idle);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormErrorAlert state={state} />
      <CurrentPasswordField state={state} />
      <PasswordFields
        email={email}
        weakKeywords={weakKeywords}
        errors={{ password: errorsOf(state, "password"), confirmPassword: errorsOf(state, "confirmPassword") }}
      />
      <SubmitButton pendingText="Saving…">Save</SubmitButton>
    </form>
  );
}
