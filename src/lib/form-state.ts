/** The one result shape of every form's server action (a form calls it through useFormAction). */
export type FieldErrors = Record<string, string[] | undefined>;

export type FormState =
  | { status: "idle" }
  | {
      status: "error";
      fieldErrors: FieldErrors;
      formError?: string;
      values?: Record<string, string>;
      attempt?: number;
      flags?: Record<string, boolean>;
    }
  | { status: "success"; message?: string; data?: Record<string, string> }
  /** The action is done and the browser goes on to `to` (web/actions/navigate.ts); `fullLoad`: a whole new page. */
  | { status: "redirect"; to: string; fullLoad?: boolean };

export const idle: FormState = { status: "idle" };

/**
 * Where an action sends the browser once it is done (the factory ends it, web/actions/navigate.ts):
 * - "navigate": on to another page (the form goes itself with JavaScript, a 303 without);
 * - "redraw": the same address shows what comes next (drawn into the answer with JavaScript, a 303 without);
 * - "reload": another page loaded whole (the language changed: the root layout is drawn again);
 * - "redirect": another page, drawn into the answer by the server (Next's redirect()), for an action that
 *   changed cookies: Next then draws the form's own page again into the answer, and a page that no longer
 *   holds the form (the flow or the session ended) would never see a "redirect" state to follow.
 */
export interface Destination {
  next: string;
  mode: "navigate" | "redraw" | "reload" | "redirect";
}

/**
 * A destination is a path of this site, never another site's address: `//host`, `/\\host` and any scheme
 * are refused where the destination is made (a fault of the action, answered as an unexpected error).
 */
function localPath(next: string): string {
  if (!/^\/(?![/\\])/.test(next)) throw new Error("an action's destination must be a path of this site");
  return next;
}

export const goTo = (next: string): Destination => ({ next: localPath(next), mode: "navigate" });
export const redrawAt = (next: string): Destination => ({ next: localPath(next), mode: "redraw" });
export const reloadAt = (next: string): Destination => ({ next: localPath(next), mode: "reload" });
export const redirectTo = (next: string): Destination => ({ next: localPath(next), mode: "redirect" });

export function isDestination(value: FormState | Destination): value is Destination {
  return "mode" in value;
}

/** A server action as a form calls it (useActionState): the previous state and the form. */
export type FormAction = (prev: FormState, formData: FormData) => Promise<FormState>;

export function formError(formError: string, fieldErrors: FieldErrors = {}, values?: Record<string, string>): FormState {
  return { status: "error", fieldErrors, formError, values, attempt: Date.now() };
}

export function fieldErrors(fieldErrors: FieldErrors, values?: Record<string, string>): FormState {
  return { status: "error", fieldErrors, values, attempt: Date.now() };
}

export function errorsOf(state: FormState, field: string): string[] | undefined {
  return state.status === "error" ? state.fieldErrors[field] : undefined;
}

export function valueOf(state: FormState, field: string): string | undefined {
  return state.status === "error" ? state.values?.[field] : undefined;
}
