import "server-only";
import type { MessageRef } from "@/lib/message-ref";
import { AuditAction } from "@/server/audit/audit-action";
import { findCredential } from "@/server/auth/credential-store";
import type { RequestMeta } from "@/server/request-meta";
import type { Notice } from "@/server/sms/account-notice";
import { checkNewPassword, setPassword, type PasswordFieldErrors } from "@/server/passwords/set-password";
import { confirmConsolePassword } from "./internal/confirm-console-password";
import { findOwnedPostmaster, type ConsoleOperatorRef } from "./internal/find-owned-domain";

export interface ResetPostmasterInput {
  operator: ConsoleOperatorRef & { reauthAt: number | null };
  domainId: string;
  password: string;
  confirmPassword: string;
  mustChangePassword: boolean;
  /** The operator's own password; may be empty within 5 minutes of the last confirmation. */
  consolePassword: string;
}

export type ResetPostmasterFieldErrors = PasswordFieldErrors & { consolePassword?: MessageRef[] };

export type ResetPostmasterResult =
  | { ok: true; postmaster: string; reauthenticated: boolean; notice: Notice | null }
  | { ok: false; error: "not_found" | "no_postmaster" }
  | { ok: false; error: "invalid"; fieldErrors: ResetPostmasterFieldErrors; reauthenticated: boolean }
  /** Too many wrong console passwords: every console session of the operator has ended. */
  | { ok: false; error: "reauth_blocked" };

const ATTEMPT = "reset_postmaster_password";

/**
 * Scenario 3, "Reset the password of the postmaster account and click Submit":
 * the operator must own the domain and confirm its console password; then the
 * one reset transaction (setPassword) runs, naming the operator in the audit
 * event, and the SMS notice goes to the postmaster's secure mobile if bound.
 * Any problem changes nothing and comes back per field, all at once.
 */
export async function resetPostmasterPassword(input: ResetPostmasterInput, meta: RequestMeta): Promise<ResetPostmasterResult> {
  const { operator } = input;
  const found = await findOwnedPostmaster(operator, input.domainId, ATTEMPT, meta);
  if (!found.ok) return found;
  const { postmaster } = found;

  const reauth = await confirmConsolePassword(operator, input.consolePassword, ATTEMPT, meta);
  if (!reauth.ok && reauth.error === "blocked") return { ok: false, error: "reauth_blocked" };
  if (!reauth.ok) {
    // Report the new password's problems too, so one more Submit can succeed.
    const cred = await findCredential("mail", { id: postmaster.id });
    // The new password's own problems, never the postmaster's history (no checking guesses without the console password).
    const passwordErrors = cred ? (await checkNewPassword(cred, input.password, input.confirmPassword)).errors : null;
    return { ok: false, error: "invalid", fieldErrors: { ...passwordErrors, consolePassword: [reauth.message] }, reauthenticated: false };
  }

  const result = await setPassword({
    kind: "mail",
    accountId: postmaster.id,
    password: input.password,
    confirmPassword: input.confirmPassword,
    mustChangePassword: input.mustChangePassword,
    actor: { kind: "CLOUD_ACCOUNT", id: operator.id, label: operator.email },
    action: AuditAction.passwordResetByConsole,
    meta,
    notice: "console",
  });
  if (result.ok) return { ok: true, postmaster: postmaster.address, reauthenticated: reauth.reauthenticated, notice: result.notice };
  if (result.error === "not_found") return { ok: false, error: "no_postmaster" };
  return { ok: false, error: "invalid", fieldErrors: result.fieldErrors, reauthenticated: reauth.reauthenticated };
}
