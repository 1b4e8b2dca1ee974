import { HISTORY_DEPTH } from "@/lib/password-policy";

/** Logon, passwords and the console's re-authentication: what the forms say. */
const LOGON_FAILED_MESSAGE = "Incorrect email address or password.";
export const LOGON_MESSAGES = {
  invalid: LOGON_FAILED_MESSAGE,
  captcha: "Enter the characters shown in the image to continue.",
  ip_blocked: "Too many failed logons from your network. Try again in an hour.",
} as const;

export const REUSED_MESSAGE = `Must not be one of your last ${HISTORY_DEPTH} passwords.`;
export const MISMATCH_MESSAGE = "The passwords do not match.";
export const REUSE_LIMITED_MESSAGE =
  "Too many tries with earlier passwords of this account. Choose a password it has never had, or try again in an hour.";
export const CURRENT_PASSWORD_WRONG = "The current password is incorrect.";
export const SAME_AS_CURRENT_MESSAGE = "Choose a password different from the current one.";
