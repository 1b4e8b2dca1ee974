"use client";
import type { ReactNode } from "react";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { idle, type FormState } from "@/lib/form-state";

/** A form's error state as useFocusOnError reads it, for a GET form the server has judged. */
const judged: FormState = { status: "error", fieldErrors: {}, attempt: 1 };

/**
 * A plain GET form, a search landmark (the search and filters of a table: works without JavaScript). When the
 * server found a bad field in the query it was sent, focus goes to that field.
 */
export function FilterForm({
  invalid,
  label,
  action,
  className,
  children,
}: {
  invalid: boolean;
  label?: string;
  /** The list's address, when the form is not on it. */
  action?: string;
  className?: string;
  children: ReactNode;
}) {
  const ref = useFocusOnError(invalid ? judged : idle);
  return (
    <form ref={ref} method="get" action={action} role="search" aria-label={label} className={className}>
      {children}
    </form>
  );
}
