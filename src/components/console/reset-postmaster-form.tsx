"use client";
import Link from "next/link";
import { useActionState, useState } from "react";
import { PasswordFields } from "@/components/password-fields";
import { SubmitButton } from "@/components/submit-button";
import { Alert, buttonClass, secondaryButtonClass, TextField, FormErrorAlert, OnOffCheckbox } from "@/components/ui";
import { errorsOf, idle, type FormAction } from "@/lib/form-state";

interface Props {
  action: FormAction;
  domainId: string;
  postmasterAddress: string;
  weakKeywords: string[];
  /** Minutes left of the last console-password confirmation (0: none or expired), when the page was drawn. */
  reauthMinutesLeft: number;
  cancelHref: string;
}

/** Scenario 3, step 4: the new postmaster password, the operator's console password, Submit. */
export function ResetPostmasterForm({ action, domainId, postmasterAddress, weakKeywords, reauthMinutesLeft, cancelHref }: Props) {
  const [state, formAction] = useActionState(action, idle);
  // Controlled, so a failed Submit (which resets the form) keeps the operator's choice.
  const [mustChange, setMustChange] = useState(false);
  const confirmedNow = state.status === "error" && state.flags?.reauthenticated;
  const hint = confirmedNow
    ? "Confirmed. You can leave this empty for the next 5 minutes."
    : reauthMinutesLeft > 0
      ? `Confirmed recently. You can leave this empty for about ${reauthMinutesLeft} more minute${reauthMinutesLeft === 1 ? "" : "s"}.`
      : "Your own password for this console, to confirm that it is you. Asked again after 5 minutes.";
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormErrorAlert state={state} />
      {state.status === "error" && !state.formError ? (
        <Alert kind="error">Nothing was changed. Correct the fields marked below and submit again.</Alert>
      ) : null}
      <input type="hidden" name="domainId" value={domainId} />
      <div>
        <p className="text-sm font-medium text-slate-700">Postmaster account</p>
        <p className="mt-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900">
          {postmasterAddress}
        </p>
      </div>
      <PasswordFields
        email={postmasterAddress}
        weakKeywords={weakKeywords}
        errors={{ password: errorsOf(state, "password"), confirmPassword: errorsOf(state, "confirmPassword") }}
      />
      <OnOffCheckbox
        name="mustChangePassword"
        checked={mustChange}
        onChange={setMustChange}
        label="Require password change at next logon"
        hint="Leave this off when you are the postmaster yourself."
        accentClass="accent-orange-600"
      />
      <div className="border-t border-slate-200 pt-5">
        <TextField
          label="Console password"
          name="consolePassword"
          type="password"
          autoComplete="current-password"
          errors={errorsOf(state, "consolePassword")}
          hint={hint}
          maxLength={64}
        />
      </div>
      <div className="flex items-center gap-3 pt-1">
        <SubmitButton pendingText="Submitting…" className={buttonClass}>
          Submit
        </SubmitButton>
        <Link href={cancelHref} className={secondaryButtonClass}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
