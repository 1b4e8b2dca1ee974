/**
 * A message named by its catalog key (messages/en.json) and its values, as
 * the domain core and the pure modules give it: they never hold text. The
 * web layer turns it into words in the reader's language (src/web/i18n.ts).
 */
export interface MessageRef {
  key: string;
  values?: Record<string, string | number>;
}

export const msg = (key: string, values?: Record<string, string | number>): MessageRef => (values ? { key, values } : { key });

/** Field errors as references: a form's field name → its problems. */
export type FieldErrorRefs = Record<string, MessageRef[] | undefined>;
