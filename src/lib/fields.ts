import { z } from "zod";
import { messageKey, type MessageKey } from "@/lib/message-ref";
import { MAX_PASSWORD_INPUT_BYTES, PASSWORD_MAX } from "@/lib/password-policy";

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

/*
 * Shared zod field schemas: every input has a length cap and a clear message.
 * Messages are catalog keys (messages/en.json), typed by messageKey(); createAction words them in the
 * reader's language and gives a length limit's number as {min} / {max}.
 */
export const emailField = z
  .string({ error: messageKey("Fields.errors.emailRequired") })
  .trim()
  .toLowerCase()
  .min(1, messageKey("Fields.errors.emailRequired"))
  .max(254, messageKey("Fields.errors.emailTooLong"))
  .pipe(z.email({ error: messageKey("Fields.errors.emailInvalid") }));

/** What an empty password field says; each form names the password it asks for. */
export type PasswordRequiredKey =
  | "Fields.errors.passwordRequired" // "Enter your password." (Log On)
  | "Fields.errors.currentPasswordRequired" // "Enter your current password."
  | "Fields.errors.newPasswordRequired" // "Enter a new password."
  | "Fields.errors.newPasswordAgainRequired" // "Enter the new password again."
  | "Fields.errors.anyPasswordRequired" // "Enter a password." (a postmaster's reset)
  | "Fields.errors.passwordAgainRequired" // "Enter the password again." (a postmaster's reset)
  | "Fields.errors.consolePasswordRequired"; // "Enter your console password."

/**
 * A password as typed: never trimmed; the policy module judges it, this only
 * caps the size (in UTF-8 bytes, stated to people as the policy's maximum).
 */
export const passwordInput = (required: PasswordRequiredKey) =>
  z
    .string({ error: messageKey(required) })
    .min(1, required)
    .check((ctx) => {
      if (new TextEncoder().encode(ctx.value).length > MAX_PASSWORD_INPUT_BYTES)
        ctx.issues.push({
          code: "too_big",
          origin: "string",
          maximum: PASSWORD_MAX,
          inclusive: true,
          input: ctx.value,
          message: messageKey("Fields.errors.passwordTooLong"),
        });
    });

/** "Current password": asked before any change of one's own account (Account Security, Change Password, the console's own password). */
export const currentPasswordField = { currentPassword: passwordInput("Fields.errors.currentPasswordRequired") };

/** A new password and the same again (Change Password, Forgot Password's last step, the console's reset of a postmaster). */
export const newPasswordFields = {
  password: passwordInput("Fields.errors.newPasswordRequired"),
  confirmPassword: passwordInput("Fields.errors.newPasswordAgainRequired"),
};

export const captchaInput = z.string().trim().max(16, messageKey("Fields.errors.captchaRequired")).optional().default("");

/**
 * Checkboxes. Our forms send a hidden "off" before each box, so an unticked
 * box still says "off" and a missing field means the request did not come
 * from our form (a hand-made POST): `whenAbsent` decides what that means.
 */
function toggle(whenAbsent: boolean | "refuse", message: MessageKey) {
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
export const checkboxDefaultOn = toggle(true, messageKey("Fields.errors.mustChangeRequired"));

/** A setting's checkbox: a request that does not say on or off changes nothing. */
export const settingCheckbox = toggle("refuse", messageKey("Fields.errors.settingMissing"));

/** A row id: [A-Za-z0-9_-], 1–64 characters (what newId() and newToken() make). */
export const idField = z
  .string({ error: messageKey("Fields.errors.idMissing") })
  .trim()
  .min(1, messageKey("Fields.errors.idMissing"))
  .max(64, messageKey("Fields.errors.idInvalid"))
  .regex(/^[A-Za-z0-9_-]+$/, messageKey("Fields.errors.idInvalid"));

/** A person's display name: what the console and the address book show. */
export const DISPLAY_NAME_MAX = 64;
export const displayNameField = z
  .string({ error: messageKey("Fields.errors.displayNameRequired") })
  .trim()
  .min(1, messageKey("Fields.errors.displayNameRequired"))
  .max(DISPLAY_NAME_MAX, messageKey("Fields.errors.displayNameTooLong"));

/** A 6-digit SMS code as typed (spaces dropped): "Enter the code" when empty, "the 6-digit code" when malformed. */
export const smsCodeInput = z
  .string({ error: messageKey("Account.mobile.errors.codeRequired") })
  .max(32, messageKey("Account.mobile.errors.codeFormat"))
  .transform((v) => v.replace(/\s+/g, ""))
  .pipe(
    z
      .string()
      .min(1, messageKey("Account.mobile.errors.codeRequired"))
      .regex(/^\d{6}$/, messageKey("Account.mobile.errors.codeFormat")),
  );

/** A mobile number as the binding forms ask it: the country selector and the number as typed (read with it). */
export const phoneNumberFields = {
  country: z
    .string({ error: messageKey("Account.mobile.errors.countryRequired") })
    .regex(/^[A-Z]{2}$/, messageKey("Account.mobile.errors.countryRequired")),
  phone: z
    .string({ error: messageKey("Account.mobile.errors.phoneRequired") })
    .trim()
    .min(1, messageKey("Account.mobile.errors.phoneRequired"))
    .max(64, messageKey("Account.mobile.errors.phoneTooLong")),
};
