"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert, dangerSolidButtonClass, TextField } from "@/components/ui";
import { errorsOf, idle, type FormAction } from "@/lib/form-state";

/** "Current password" → "Remove": unbinds the secure mobile. */
export function MobileRemoveForm({ action }: { action: FormAction }) {
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
      <SubmitButton pendingText="Removing…" className={dangerSolidButtonClass}>
        Remove
      </SubmitButton>
    </form>
  );
}
