"use client";
import { useActionState } from "react";
import { PasswordFields } from "@/components/password-fields";
import { SubmitButton } from "@/components/submit-button";
import { FormErrorAlert } from "@/components/ui";
import { errorsOf, idle, type FormAction } from "@/lib/form-state";

/** Step 3, "Set a new password": the live checklist knows the address and the domain's weak keywords. */
export function ResetStep({ action, address, weakKeywords }: { action: FormAction; address: string; weakKeywords: string[] }) {
  const [state, formAction] = useActionState(action, idle);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div>
        <h2 className="text-lg font-semibold text-slate-900">Set a new password</h2>
        <p className="mt-1 text-sm text-slate-600">
          Choose a new password for <span className="font-medium text-slate-900">{address}</span>.
        </p>
      </div>
      <FormErrorAlert state={state} />
      <PasswordFields
        email={address}
        weakKeywords={weakKeywords}
        errors={{ password: errorsOf(state, "password"), confirmPassword: errorsOf(state, "confirmPassword") }}
      />
      <div className="pt-2">
        <SubmitButton pendingText="Saving…">Submit</SubmitButton>
      </div>
    </form>
  );
}
