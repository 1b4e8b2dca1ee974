"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { dangerSolidButtonClass, FormErrorAlert, CurrentPasswordField } from "@/components/ui";
import { idle, type FormAction } from "@/lib/form-state";

/** "Current password" → "Remove": unbinds the secure mobile. */
export function MobileRemoveForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, idle);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormErrorAlert state={state} />
      <CurrentPasswordField state={state} />
      <SubmitButton pendingText="Removing…" className={dangerSolidButtonClass}>
        Remove
      </SubmitButton>
    </form>
  );
}
