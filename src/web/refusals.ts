import { fieldErrors, formError, type FormState } from "@/lib/form-state";
import type { MessageKey } from "@/lib/message-ref";
import type { Translator } from "@/web/i18n";

/**
 * Refusals as data: each area keeps one table (its steps → each refusal code's
 * catalog key, `satisfies Record<Code, MessageKey>`), and this turns a refusal
 * into the form's state. The numbers a message names come from the refusal.
 */

/** A refusal as the domain core gives it: its code and the numbers its message may name. */
export interface Refusal<C extends string> {
  error: C;
  /** Until the next code may be sent: "{seconds}". */
  waitMs?: number;
  /** Until a rate limit lets go: "{minutes}". */
  retryAfterMs?: number;
  /** Tries before the code or the flow is void: "{count}". */
  attemptsLeft?: number;
  triesLeft?: number;
}

/** One step's refusals: each code's catalog key and, for those shown under a field, the field. */
export interface RefusalTable<C extends string> {
  keys: Record<C, MessageKey>;
  fields?: Partial<Record<C, string>>;
}

export const waitSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
export const waitMinutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/** The values a refusal's message may name, from what the refusal carries. */
function refusalValues(r: Refusal<string>): Record<string, number> {
  const count = r.attemptsLeft ?? r.triesLeft;
  return {
    ...(r.waitMs === undefined ? {} : { seconds: waitSeconds(r.waitMs) }),
    ...(r.retryAfterMs === undefined ? {} : { minutes: waitMinutes(r.retryAfterMs) }),
    ...(count === undefined ? {} : { count }),
  };
}

/** A refusal in the reader's language, as its table says. */
export function refusalText<C extends string>(t: Translator, table: RefusalTable<C>, r: Refusal<NoInfer<C>>): string {
  // The key was checked where the table was written; the values are what the refusal carries.
  const translate = t as unknown as (key: MessageKey, values: Record<string, number>) => string;
  return translate(table.keys[r.error], refusalValues(r));
}

/** A refusal as the form shows it: under its field when the table names one, else above the form. */
export function refusalState<C extends string>(
  t: Translator,
  table: RefusalTable<C>,
  r: Refusal<NoInfer<C>>,
  values?: Record<string, string>,
): FormState {
  const text = refusalText(t, table, r);
  const field = table.fields?.[r.error];
  return field ? fieldErrors({ [field]: [text] }, values) : formError(text, {}, values);
}
