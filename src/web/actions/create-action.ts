import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { hasUnreadableText } from "@/lib/fields";
import { fieldErrors, formError, isDestination, type Destination, type FormAction, type FormState } from "@/lib/form-state";
import type { RequestMeta } from "@/server/request-meta";
import { HashBusyError } from "@/server/security/password-hash";
import { getTranslator, translateLoose, type Translator } from "@/web/i18n";
import { getRequestMeta } from "@/web/request";
import { componentLogger } from "@/server/observability/logger";
import { noteDatabaseError } from "@/server/db";
import { endAction, endCommand } from "./navigate";

/**
 * The one way to write a server action (docs/architecture.md):
 *
 *   guard → (refusal audited by the guard) → parse → run (ONE domain function) → form state or destination
 *
 * - `guard` decides who may call it (action-guards.ts); a refusal is audited
 *   there and answered with a redirect or a form error, before any input is read.
 * - `schema` (zod) parses the form; every field's problems come back at once.
 *   Before it, anything but a form is refused, and so is any field holding
 *   control or unreadable characters. Secret fields are never sent back.
 * - `run` calls one domain function and maps its result to a form state, or returns where the browser
 *   goes (a Destination: goTo, redrawAt, reloadAt), which navigate.ts turns into the answer.
 * - redirect()/notFound() pass through (unstable_rethrow); a busy hasher is
 *   a clear "busy"; any other fault is logged and shown as a generic message.
 */
export interface ActionContext {
  meta: RequestMeta;
  /** The request's translator: every message a form shows is said in the person's language. */
  t: Translator;
}

export type GuardResult<C> = { ok: true; ctx: C } | { ok: false; state: FormState };

/** Decides who may run an action; gets the raw form only to name what a refused request targeted. */
export type ActionGuard<C> = (input: {
  attempted: string;
  meta: RequestMeta;
  form: FormData | null;
  t: Translator;
}) => Promise<GuardResult<C>>;

type Schema = z.ZodObject;

export interface ActionDefinition<C, S extends Schema> {
  /** What the caller attempted, as the audit log names it (e.g. "password.reset"). */
  name: string;
  guard: ActionGuard<C>;
  /** The form's schema, or a function of the caller (a field required only for some callers). */
  schema: S | ((ctx: C) => S);
  run: (data: z.infer<S>, ctx: C & ActionContext) => Promise<FormState | Destination>;
}

/** Fields whose values are never sent back to the browser in an error state. */
const SECRET_FIELD = /password|captcha|code|answer/i;

function isFormData(value: unknown): value is FormData {
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

const unreadable = (v: FormDataEntryValue | FormDataEntryValue[]) =>
  (Array.isArray(v) ? v : [v]).some((x) => typeof x === "string" && hasUnreadableText(x));

type ParseResult<S extends Schema> = { ok: true; data: z.infer<S>; values: Record<string, string> } | { ok: false; state: FormState };

/** Parses the form with the schema; on failure, every field's messages and the safe values to show again. */
function parseForm<S extends Schema>(schema: S, formData: FormData, t: Translator): ParseResult<S> {
  const raw = formFields(formData);
  // Only the schema's own, non-secret, readable text fields go back to the form (nothing a client made up).
  const known = new Set(Object.keys(schema.shape));
  const values = Object.fromEntries(
    Object.entries(raw).filter(([k, v]) => known.has(k) && typeof v === "string" && !SECRET_FIELD.test(k) && !hasUnreadableText(v)),
  ) as Record<string, string>;
  const bad = Object.keys(raw).filter((k) => unreadable(raw[k]));
  if (bad.length)
    return { ok: false, state: fieldErrors(Object.fromEntries(bad.map((k) => [k, [t("Common.errors.unreadableText")]])), values) };
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: Record<string, string[]> = {};
  // A schema's messages are catalog keys ("Fields.errors.emailRequired"); a length limit comes with its
  // number, a custom issue with its own values (`params`, from a MessageRef).
  for (const issue of parsed.error.issues) {
    const values = {
      min: Number("minimum" in issue ? issue.minimum : 0),
      max: Number("maximum" in issue ? issue.maximum : 0),
      ...(issue.code === "custom" ? (issue.params as Record<string, string | number> | undefined) : undefined),
    };
    (errors[String(issue.path[0] ?? "form")] ??= []).push(translateLoose(t, issue.message, values));
  }
  return { ok: false, state: fieldErrors(errors, values) };
}

export function createAction<C, S extends Schema>(def: ActionDefinition<C, S>): FormAction {
  return async (_prev: FormState, formData: FormData): Promise<FormState> => {
    const form = isFormData(formData) ? formData : null;
    let values: Record<string, string> = {};
    const t = await getTranslator();
    try {
      const meta = await getRequestMeta();
      const guard = await def.guard({ attempted: def.name, meta, form, t });
      if (!guard.ok) return guard.state;
      if (!form) return formError(t("Common.errors.unreadableForm"));
      const parsed = parseForm(typeof def.schema === "function" ? def.schema(guard.ctx) : def.schema, form, t);
      if (!parsed.ok) return parsed.state;
      values = parsed.values;
      const outcome = await def.run(parsed.data, { ...guard.ctx, meta, t });
      return outcome && isDestination(outcome) ? await endAction(outcome) : outcome;
    } catch (e) {
      unstable_rethrow(e);
      if (e instanceof HashBusyError) return formError(t("Common.errors.busy"), {}, values);
      // Nothing was written (each domain function is one transaction): the same form can be sent again later.
      if (noteDatabaseError(e)) return formError(t("Common.errors.unavailable"), {}, values);
      componentLogger("action").error({ err: e, action: def.name }, "unexpected error");
      return formError(t("Common.errors.unexpected"), {}, values);
    }
  };
}

/** An action that takes no input, for a plain `<form action>` (Log Off, Cancel): guard → run → destination. */
export function createCommand<C>(def: {
  name: string;
  guard: ActionGuard<C>;
  run: (ctx: C & ActionContext) => Promise<Destination | void>;
}): () => Promise<void> {
  return async () => {
    const [meta, t] = await Promise.all([getRequestMeta(), getTranslator()]);
    const guard = await def.guard({ attempted: def.name, meta, form: null, t });
    if (!guard.ok) return;
    const to = await def.run({ ...guard.ctx, meta, t });
    if (to) await endCommand(to);
  };
}
