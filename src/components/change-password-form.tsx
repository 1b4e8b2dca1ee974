"use client";
import { useActionState } from "react";
import { PasswordFields } from "@/components/password-fields";
import { SubmitButton } from "@/components/submit-button";
import { Alert, TextField } from "@/components/ui";
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
      {state.status === "error" && state.formError ? <Alert kind="error">{state.formError}</Alert> : null}
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        errors={errorsOf(state, "currentPassword")}
        required
      />
      <PasswordFields
        email={email}
        weakKeywords={weakKeywords}
        errors={{ password: errorsOf(state, "password"), confirmPassword: errorsOf(state, "confirmPassword") }}
      />
      <SubmitButton pendingText="Saving…">Save</SubmitButton>
    </form>
  );
}
