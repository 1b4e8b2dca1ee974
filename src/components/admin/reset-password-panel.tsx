"use client";
import { useActionState, useState } from "react";
import { PasswordFields } from "@/components/password-fields";
import { SubmitButton } from "@/components/submit-button";
import { buttonClass, secondaryButtonClass, FormErrorAlert, OnOffCheckbox } from "@/components/ui";
import { errorsOf, idle, type FormAction } from "@/lib/form-state";

interface Props {
  action: FormAction;
  accountId: string;
  address: string;
  weakKeywords: string[];
  disabled: boolean;
}

/**
 * "Reset Password" on the Edit Account page opens the form in place: Password,
 * Confirm Password (live checklist with the domain's keywords and this
 * account's address), Generate password, "Require password change at next
 * logon" (on by default) and Save. Errors come back next to their fields.
 */
export function ResetPasswordPanel({ action, accountId, address, weakKeywords, disabled }: Props) {
  const [open, setOpen] = useState(false);
  const [mustChange, setMustChange] = useState(true);
  const [state, formAction] = useActionState(action, idle);

  if (!open) {
    return (
      <button type="button" className={buttonClass} onClick={() => setOpen(true)} aria-expanded={false} aria-controls="reset-password-form">
        Reset Password
      </button>
    );
  }
  return (
    <form
      id="reset-password-form"
      action={formAction}
      className="max-w-lg space-y-4 border-t border-slate-200 pt-4"
      noValidate
      aria-labelledby="reset-password-title"
    >
      <h3 id="reset-password-title" className="text-base font-semibold text-slate-900">
        Reset Password
      </h3>
      <p className="text-sm text-slate-600">
        Enter and confirm the new password of <span className="font-mono">{address}</span>. Their open sessions end when you save.
        {disabled ? " The account stays disabled." : ""}
      </p>
      <FormErrorAlert state={state} />
      <input type="hidden" name="accountId" value={accountId} />
      <PasswordFields
        email={address}
        weakKeywords={weakKeywords}
        passwordLabel="Password"
        confirmLabel="Confirm Password"
        allowGenerate
        errors={{ password: errorsOf(state, "password"), confirmPassword: errorsOf(state, "confirmPassword") }}
      />
      <OnOffCheckbox
        name="mustChangePassword"
        checked={mustChange}
        onChange={setMustChange}
        label="Require password change at next logon"
      />
      <div className="flex items-center gap-3 pt-2">
        <SubmitButton pendingText="Saving…">Save</SubmitButton>
        <button type="button" className={secondaryButtonClass} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
