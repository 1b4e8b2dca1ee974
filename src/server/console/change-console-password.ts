import "server-only";
import { findCredential } from "@/server/auth/credential-store";
import type { RequestMeta } from "@/server/request-meta";
import { changeOwnPassword } from "@/server/passwords/change-own-password";
import { validateNewPassword, type PasswordFieldErrors } from "@/server/passwords/set-password";
import { clearConsolePasswordFailures, countConsolePasswordFailure } from "./confirm-console-password";
import type { ConsoleOperatorRef } from "./find-owned-domain";

export interface ChangeConsolePasswordInput {
  currentPassword: string;
  password: string;
  confirmPassword: string;
}

export type ChangeConsolePasswordResult =
  | { ok: true; sessionVersion: number }
  | { ok: false; error: "invalid"; fieldErrors: PasswordFieldErrors & { currentPassword?: string[] } }
  | { ok: false; error: "reauth_blocked" };

/**
 * The operator changes its own console password (the shared change, with no
 * domain keywords). A wrong current password counts like a wrong console
 * password on the reset form, so the form cannot be used to guess it.
 * Every console session of the operator ends (sessionVersion + 1); the caller
 * gives this browser a fresh one.
 */
export async function changeConsolePassword(operator: ConsoleOperatorRef, input: ChangeConsolePasswordInput, meta: RequestMeta): Promise<ChangeConsolePasswordResult> {
  const result = await changeOwnPassword("cloud", operator.id, input, meta);
  if (result.ok) {
    await clearConsolePasswordFailures(operator);
    return result;
  }
  if (!result.fieldErrors.currentPassword) return { ok: false, error: "invalid", fieldErrors: result.fieldErrors };
  if (await countConsolePasswordFailure(operator, "change_console_password", meta)) return { ok: false, error: "reauth_blocked" };
  // Show the new password's problems as well, not only the current password's.
  const cred = await findCredential("cloud", { id: operator.id });
  const passwordErrors = cred ? await validateNewPassword(cred, input.password, input.confirmPassword) : null;
  return { ok: false, error: "invalid", fieldErrors: { ...passwordErrors, currentPassword: result.fieldErrors.currentPassword } };
}
