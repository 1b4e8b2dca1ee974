import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { fieldErrors, formError, type FormState } from "@/lib/form-state";
import { HashBusyError } from "@/server/security/password-hash";

export const BUSY_MESSAGE = "The service is busy. Please try again in a moment.";
export const UNEXPECTED_MESSAGE = "Something went wrong on our side. Nothing was changed; please try again.";

/** Fields whose values are never sent back to the browser in an error state. */
const SECRET_FIELD = /password|captcha|code|answer/i;

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
    const raw = Object.fromEntries([...formData.keys()].filter((k) => !k.startsWith("$ACTION")).map((k) => [k, formData.get(k)]));
    const values = Object.fromEntries(Object.entries(raw).filter(([k, v]) => typeof v === "string" && !SECRET_FIELD.test(k))) as Record<string, string>;
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
