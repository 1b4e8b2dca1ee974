import "server-only";
import { msg, type MessageRef } from "@/lib/message-ref";
import { normalizePassword } from "@/lib/password-policy/profiles";
import { AuditAction } from "@/server/audit/audit-action";
import type { RequestMeta } from "@/server/request-meta";
import { verifyPassword } from "@/server/security/password-hash";
import { findCredential, type CredentialKind } from "@/server/auth/credential-store";
import { clearReauthFailures, countReauthFailure } from "@/server/auth/reauth-failures";
import { checkNewPassword, setPassword, type PasswordFieldErrors } from "./set-password";

export type ChangeOwnPasswordResult =
  | { ok: true; sessionVersion: number }
  | { ok: false; error: "invalid"; fieldErrors: PasswordFieldErrors & { currentPassword?: MessageRef[] } }
  /** The 5th wrong current password in 15 minutes ended every session of the account. */
  | { ok: false; error: "signed_out" };

/**
 * A signed-in user changes its own password: the current one first (a wrong
 * one is counted by the re-authentication rule), then the shared rules.
 * Every problem is reported at once; every session of the account ends
 * (sessionVersion + 1) and the caller gives this browser a fresh one.
 */
export async function changeOwnPassword(
  input: { kind: CredentialKind; accountId: string; currentPassword: string; password: string; confirmPassword: string },
  meta: RequestMeta,
): Promise<ChangeOwnPasswordResult> {
  const { kind, accountId } = input;
  const cred = await findCredential(kind, { id: accountId });
  if (!cred) return { ok: false, error: "signed_out" };
  if (!(await verifyPassword(cred.passwordHash, input.currentPassword))) {
    const subject = { kind, id: cred.id, login: cred.login, domainId: cred.domainId };
    if (await countReauthFailure(subject, kind === "mail" ? "change_password" : "change_console_password", meta))
      return { ok: false, error: "signed_out" };
    // The new password's own problems, never the history: that would answer questions about old passwords.
    const { errors: passwordErrors } = await checkNewPassword(cred, input.password, input.confirmPassword);
    return { ok: false, error: "invalid", fieldErrors: { ...passwordErrors, currentPassword: [msg("Password.errors.currentWrong")] } };
  }
  await clearReauthFailures(kind, cred.id);
  // Compared as they are hashed (NFKC): a fullwidth spelling of the current password is the current password.
  if (normalizePassword(input.currentPassword) === normalizePassword(input.password)) {
    return { ok: false, error: "invalid", fieldErrors: { password: [msg("Password.errors.sameAsCurrent")] } };
  }
  const result = await setPassword({
    kind,
    accountId,
    password: input.password,
    confirmPassword: input.confirmPassword,
    mustChangePassword: false,
    actor: { kind: cred.actorKind, id: cred.id, label: cred.login },
    action: AuditAction.passwordChanged,
    meta,
    notice: null,
  });
  if (!result.ok)
    return result.error === "invalid"
      ? { ok: false, error: "invalid", fieldErrors: result.fieldErrors }
      : { ok: false, error: "signed_out" };
  return { ok: true, sessionVersion: cred.sessionVersion + 1 };
}
