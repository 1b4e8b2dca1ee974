import { z } from "zod";
import { MAX_PASSWORD_INPUT_BYTES } from "@/lib/password-policy";

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

/**
 * Checkboxes. Our forms send a hidden "off" before each box, so an unticked
 * box still says "off" and a missing field means the request did not come
 * from our form (a hand-made POST): `whenAbsent` decides what that means.
 */
function toggle(whenAbsent: boolean | "refuse", message: string) {
  return z
    .union([z.string(), z.array(z.string())], { error: message })
    .optional()
    .transform((v, ctx) => {
      const last = Array.isArray(v) ? v.at(-1) : v;
      if (last === "on" || last === "true" || last === "1") return true;
      if (last === "off" || last === "false" || last === "0" || last === "") return false;
      if (last === undefined && whenAbsent !== "refuse") return whenAbsent;
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    });
}

/** "Require password change at next logon": on unless the form says off (the safe default). */
export const checkboxDefaultOn = toggle(true, "Choose whether a password change is required.");

/** A setting's checkbox: a request that does not say on or off changes nothing. */
export const settingCheckbox = toggle("refuse", "This setting was not sent. Reload the page and try again.");

/** A row id: [A-Za-z0-9_-], 1–64 characters (what newId() and newToken() make). */
export const idField = z
  .string({ error: "Missing id." })
  .trim()
  .min(1, "Missing id.")
  .max(64, "Invalid id.")
  .regex(/^[A-Za-z0-9_-]+$/, "Invalid id.");
