import type { Messages } from "@/i18n/messages";

/** The dotted path of every message in a catalog object: "Recovery.errors.captcha". */
type KeysOf<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/**
 * A catalog key (messages/en.json; src/i18n/messages.ts holds zh-CN to the
 * same keys). Every `msg()`, zod message and refusal table names one, so a
 * misspelt key is a type error, not a raw key on the page.
 */
export type MessageKey = KeysOf<Messages>;

/** Names a catalog key where TypeScript would otherwise take any string (a zod message). */
export const messageKey = <K extends MessageKey>(key: K): K => key;

/**
 * A message named by its catalog key and its values, as the domain core and
 * the pure modules give it: they never hold text. The web layer turns it into
 * words in the reader's language (src/web/i18n.ts).
 */
export interface MessageRef {
  /** A catalog key; a string, because zod issues bring theirs untyped (looseMsg). */
  key: string;
  values?: Record<string, string | number>;
}

export const msg = (key: MessageKey, values?: Record<string, string | number>): MessageRef => (values ? { key, values } : { key });

/**
 * A key known only at run time (a zod issue's message, which the schema named
 * with a typed key): the web layer words it when the catalog has it and shows
 * it as it is otherwise (translateLoose).
 */
export const looseMsg = (key: string, values?: Record<string, string | number>): MessageRef => (values ? { key, values } : { key });

/** Field errors as references: a form's field name → its problems. */
export type FieldErrorRefs = Record<string, MessageRef[] | undefined>;
