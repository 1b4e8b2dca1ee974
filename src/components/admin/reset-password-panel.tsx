"use client";
import { useActionState, useState } from "react";
import { PasswordFields } from "@/components/password-fields";
import { SubmitButton } from "@/components/submit-button";
import { Alert, buttonClass, secondaryButtonClass } from "@/components/ui";
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
      {state.status === "error" && state.formError ? <Alert kind="error">{state.formError}</Alert> : null}
      <input type="hidden" name="accountId" value={accountId} />
      <PasswordFields
        email={address}
        weakKeywords={weakKeywords}
        passwordLabel="Password"
        confirmLabel="Confirm Password"
        allowGenerate
        errors={{ password: errorsOf(state, "password"), confirmPassword: errorsOf(state, "confirmPassword") }}
      />
      <label className="flex items-start gap-2 text-sm text-slate-700">
        {/* Says "off" when the box is unticked; without the field the server requires the change. */}
        <input type="hidden" name="mustChangePassword" value="off" />
        <input
          type="checkbox"
          name="mustChangePassword"
          value="on"
          checked={mustChange}
          onChange={(e) => setMustChange(e.target.checked)}
          className="mt-0.5 h-4 w-4 rounded border-slate-300 text-blue-700 focus:ring-blue-600/30"
        />
        <span>Require password change at next logon</span>
      </label>
      <div className="flex items-center gap-3 pt-2">
        <SubmitButton pendingText="Saving…">Save</SubmitButton>
        <button type="button" className={secondaryButtonClass} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
