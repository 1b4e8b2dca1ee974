"use client";
import { SubmitButton } from "@/components/submit-button";
import { useFocusOnError } from "@/components/use-focus-on-error";
import type { FormAction } from "@/lib/form-state";
import { smallButtonClass } from "./ui";
import { useFormAction } from "@/components/use-form-action";

/**
 * A one-button form (Unlock, Remove, Delete, Log off) that shows its action's
 * refusal next to it. A plain form: it works without JavaScript. Texts come
 * in the reader's language; the pending text defaults to Common's "Please wait…".
 */
export function ActionButton({
  action,
  fields,
  label,
  pendingText,
  className,
  formLabel,
}: {
  action: FormAction;
  fields: Record<string, string>;
  label: string;
  pendingText?: string;
  className?: string;
  /** Accessible name when the visible label alone is ambiguous (e.g. "Remove example"). */
  formLabel?: string;
}) {
  const [state, formAction] = useFormAction(action);
  const formRef = useFocusOnError(state);
  const error = state.status === "error" ? (state.formError ?? Object.values(state.fieldErrors).flat()[0]) : undefined;
  return (
    <form ref={formRef} action={formAction} className="inline-flex flex-wrap items-center gap-2" aria-label={formLabel}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton className={className ?? smallButtonClass} pendingText={pendingText}>
        {label}
      </SubmitButton>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </form>
  );
}
