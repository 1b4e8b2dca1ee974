"use client";
import type { ReactNode } from "react";
import { FormErrorAlert } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { useFormAction } from "@/components/use-form-action";
import type { FormAction, FormState } from "@/lib/form-state";

/**
 * A form of one action: it calls the action (useFormAction), sends focus to the first field in error
 * after a refusal (useFocusOnError) and says a refusal of the whole form above the fields
 * (FormErrorAlert, or `alert`). `head` (a heading, an intro, a notice) comes before that alert; both are drawn
 * from the action's latest state.
 */
export function ActionForm({
  action,
  className,
  label,
  head,
  alert = (state) => <FormErrorAlert state={state} />,
  noValidate = true,
  children,
}: {
  action: FormAction;
  className: string;
  /** The form's accessible name, where a page holds more than one. */
  label?: string;
  head?: (state: FormState) => ReactNode;
  /** What the form says of its answer above the fields: a refusal of the whole form, unless given. */
  alert?: (state: FormState) => ReactNode;
  noValidate?: boolean;
  children: (state: FormState) => ReactNode;
}) {
  const [state, formAction] = useFormAction(action);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} action={formAction} className={className} noValidate={noValidate} aria-label={label}>
      {head?.(state)}
      {alert(state)}
      {children(state)}
    </form>
  );
}
