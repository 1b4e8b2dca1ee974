"use client";
import type { ReactNode } from "react";
import { SubmitButton } from "@/components/submit-button";
import { CurrentPasswordField, FormErrorAlert } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { useFormAction } from "@/components/use-form-action";
import type { FormAction, FormState } from "@/lib/form-state";
import { MaybeDisclosure } from "./disclosure";
import { formKey } from "./form-key";

/**
 * A form of Account Security that ends with "Current password" and its button
 * (a new number, a backup address, the questions): its error above the fields,
 * focus to the first field in error, and inside a disclosure with the summary
 * `disclosure` when given one (opened while the form shows an error).
 */
export function PasswordConfirmedForm({
  action,
  disclosure,
  remount = false,
  className = "space-y-4",
  submit,
  pending,
  children,
}: {
  action: FormAction;
  disclosure?: string;
  /** A new form on each refused submit, for forms with selects (formKey). */
  remount?: boolean;
  className?: string;
  submit: string;
  pending: string;
  /** The fields before "Current password", drawn from the form's state. */
  children: (state: FormState) => ReactNode;
}) {
  const [state, formAction] = useFormAction(action);
  const formRef = useFocusOnError(state);
  return (
    <MaybeDisclosure summary={disclosure} open={state.status === "error"}>
      <form ref={formRef} key={remount ? formKey(state) : undefined} action={formAction} className={className} noValidate>
        <FormErrorAlert state={state} />
        {children(state)}
        <CurrentPasswordField state={state} />
        <SubmitButton pendingText={pending}>{submit}</SubmitButton>
      </form>
    </MaybeDisclosure>
  );
}
