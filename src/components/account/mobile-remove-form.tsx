"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert, TextField } from "@/components/ui";
import { errorsOf, idle, type FormAction } from "@/lib/form-state";

const dangerButtonClass =
  "inline-flex items-center justify-center rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-800 focus:outline-none focus:ring-2 focus:ring-red-600/40 disabled:cursor-not-allowed disabled:opacity-60";

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
      <SubmitButton pendingText="Removing…" className={dangerButtonClass}>
        Remove
      </SubmitButton>
    </form>
  );
}
