import type { FormState } from "@/lib/form-state";

/**
 * A key that changes with every refused submit. React resets a form after its
 * action runs; inputs fall back to their defaultValue but a <select> falls back
 * to its first option, so forms with selects remount to show the values sent back.
 */
export function formKey(state: FormState): string {
  return state.status === "error" ? `attempt-${state.attempt ?? 0}` : state.status;
}
