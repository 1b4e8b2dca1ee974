import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { hasUnreadableText, UNREADABLE_TEXT_MESSAGE } from "@/lib/fields";
import { fieldErrors, formError, type FormState } from "@/lib/form-state";
import { HashBusyError } from "@/server/security/password-hash";

export const BUSY_MESSAGE = "The service is busy. Please try again in a moment.";
export const UNREADABLE_FORM_MESSAGE = "This form could not be read. Reload the page and try again. Nothing was changed.";
export const UNEXPECTED_MESSAGE = "Something went wrong on our side. Nothing was changed; please try again.";

/** Every field is checked for text no field can hold (src/lib/fields.ts) before the schema runs. */
function unreadableFields(raw: Record<string, FormDataEntryValue | FormDataEntryValue[]>): string[] {
  return Object.entries(raw)
    .filter(([, v]) => (Array.isArray(v) ? v : [v]).some((x) => typeof x === "string" && hasUnreadableText(x)))
    .map(([k]) => k);
}

/** Fields whose values are never sent back to the browser in an error state. */
const SECRET_FIELD = /password|captcha|code|answer/i;

/** A server action can be called with any arguments a client chooses; ours only accept a form. */
export function isFormData(value: unknown): value is FormData {
  return value instanceof FormData;
}

/**
 * The form's fields by name: one value as itself, a repeated name as the list
 * of its values (a schema that does not expect a list refuses it with the
 * field's own message). React's own `$ACTION…` fields are left out.
 */
function formFields(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const fields: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key);
    Object.defineProperty(fields, key, { value: all.length === 1 ? all[0] : all, enumerable: true, writable: true, configurable: true });
  }
  return fields;
}

/**
 * Wraps a server action: parses FormData with the zod schema (every field's
 * errors at once), runs the handler, and turns faults into a generic message
 * (logged, never shown). redirect()/notFound() pass through.
 */
export function validatedAction<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  handler: (data: z.infer<S>, formData: FormData) => Promise<FormState>,
) {
  return async (_prev: FormState, formData: FormData): Promise<FormState> => {
    if (!isFormData(formData)) return formError(UNREADABLE_FORM_MESSAGE);
    const raw = formFields(formData);
    // Only the schema's own, non-secret text fields go back to the form (nothing a client made up).
    const known = "shape" in schema ? new Set(Object.keys((schema as unknown as z.ZodObject).shape)) : new Set<string>();
    const values = Object.fromEntries(
      Object.entries(raw).filter(([k, v]) => known.has(k) && typeof v === "string" && !SECRET_FIELD.test(k) && !hasUnreadableText(v)),
    ) as Record<string, string>;
    const unreadable = unreadableFields(raw);
    if (unreadable.length) return fieldErrors(Object.fromEntries(unreadable.map((k) => [k, [UNREADABLE_TEXT_MESSAGE]])), values);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const errors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "form");
        (errors[key] ??= []).push(issue.message);
      }
      return fieldErrors(errors, values);
    }
    try {
      return await handler(parsed.data, formData);
    } catch (e) {
      unstable_rethrow(e);
      if (e instanceof HashBusyError) return formError(BUSY_MESSAGE, {}, values);
      console.error("[action] unexpected error", e);
      return formError(UNEXPECTED_MESSAGE, {}, values);
    }
  };
}
