import { z } from "zod";
import { hasUnreadableText } from "./fields";

/**
 * Query parameters of pages and route handlers. A page never trusts the
 * shape of its URL: each parameter is read as one string (the first of a
 * repeated one), a value with unreadable text or over 1,000 characters is
 * treated as absent, and each field's schema falls back to "absent" instead
 * of throwing. So `?notice=__proto__`, `?q=%00%ff` or `?page=-1` give the
 * plain page, never a 500.
 */
export type RawQuery = Record<string, string | string[] | undefined>;

const MAX_VALUE = 1000;

function firstValue(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === "string" && s.length <= MAX_VALUE && !hasUnreadableText(s) ? s : undefined;
}

export function parseQuery<S extends z.ZodRawShape>(shape: S, raw: RawQuery | URLSearchParams): z.infer<z.ZodObject<S>> {
  const get = (k: string) =>
    raw instanceof URLSearchParams ? firstValue(raw.get(k) ?? undefined) : Object.hasOwn(raw, k) ? firstValue(raw[k]) : undefined;
  const values = Object.fromEntries(Object.keys(shape).map((k) => [k, get(k)]));
  return z.object(shape).parse(values);
}

/** A key of `record` (its own keys only: "__proto__" or "constructor" are absent). */
export const keyOf = <R extends Record<string, unknown>>(record: R) =>
  z
    .string()
    .refine((k) => Object.hasOwn(record, k))
    .transform((k) => k as Extract<keyof R, string>)
    .optional()
    .catch(undefined);

/** One of a fixed list of words (a notice code); anything else counts as absent. */
export const oneOf = <const T extends readonly string[]>(words: T) =>
  z
    .string()
    .refine((k) => words.includes(k))
    .transform((k) => k as T[number])
    .optional()
    .catch(undefined);

/** Trimmed text of at most `max` characters; longer counts as absent. */
export const queryText = (max: number) => z.string().trim().max(max).optional().catch(undefined);

/** A page number from 1 to `max`; anything else is page 1. */
export const queryPage = (max = 1_000_000) => z.coerce.number().int().min(1).max(max).catch(1);

/** A row id ([A-Za-z0-9_-], 1–64 characters), as in URLs and hidden fields. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const queryId = z.string().regex(ID_PATTERN).optional().catch(undefined);

/** "1" when the flag is on; anything else is off. */
export const queryFlag = z
  .literal("1")
  .optional()
  .catch(undefined)
  .transform((v) => v === "1");
