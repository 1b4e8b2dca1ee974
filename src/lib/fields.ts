import { z } from "zod";
import { MAX_PASSWORD_INPUT_BYTES } from "@/lib/password-policy";

export const UNREADABLE_TEXT_MESSAGE = "Remove the control characters or unreadable characters from this field.";

/**
 * Text no field can hold: control characters (tabs and line breaks aside)
 * and U+FFFD, which stands for bytes that were not valid UTF-8. PostgreSQL
 * refuses NUL outright; the rest have no place in a name, an address, a
 * keyword or a search. Every action field and query parameter is checked.
 */
// eslint-disable-next-line no-control-regex
const UNREADABLE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;

export function hasUnreadableText(value: string): boolean {
  return UNREADABLE_TEXT.test(value);
}

/** Shared zod field schemas: every input has a length cap and a clear message. */
export const emailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email({ error: "Enter a valid email address, e.g. name@example.com." }));

/** Passwords are never trimmed; the policy module judges them, this only caps the size. */
export const passwordInput = (label = "a password") =>
  z
    .string({ error: `Enter ${label}.` })
    .min(1, `Enter ${label}.`)
    .refine((v) => new TextEncoder().encode(v).length <= MAX_PASSWORD_INPUT_BYTES, "Passwords have at most 64 characters.");

export const captchaInput = z.string().trim().max(16, "Enter the code shown in the image.").optional().default("");

export const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

/** A row id: [A-Za-z0-9_-], 1–64 characters (what newId() and newToken() make). */
/**
 * A checkbox that is on unless the form says otherwise ("Require password
 * change at next logon"). The form sends a hidden "off" before the box, so
 * an unticked box still says "off"; a request without the field at all (a
 * hand-made POST, an old form) gets the safe default: on.
 */
export const checkboxDefaultOn = z
  .union([z.string(), z.array(z.string())], { error: "Choose whether a password change is required." })
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return true;
    const last = Array.isArray(v) ? v.at(-1) : v;
    if (last === "on" || last === "true" || last === "1") return true;
    if (last === "off" || last === "false" || last === "0" || last === "") return false;
    ctx.addIssue({ code: "custom", message: "Choose whether a password change is required." });
    return z.NEVER;
  });

export const idField = z.string({ error: "Missing id." }).trim().min(1, "Missing id.").max(64, "Invalid id.").regex(/^[A-Za-z0-9_-]+$/, "Invalid id.");
