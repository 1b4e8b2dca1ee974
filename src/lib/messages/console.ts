/** The cloud console's messages (to move into the catalog: Console namespace). */
export const CONSOLE_PASSWORD_WRONG = "The console password is incorrect.";
export const CONSOLE_PASSWORD_MISSING = "Enter your console password.";
export const CONSOLE_PASSWORD_EXPIRED = "Your confirmation is more than 5 minutes old. Enter your console password again.";

/** Refusals of the console's Reset Password. */
export const CONSOLE_MESSAGES = {
  not_found: "This domain is not one of your email services.",
  no_postmaster: "This domain has no postmaster account.",
} as const;
