import "server-only";
import { AuditAction } from "@/server/audit/actions";
import type { RequestMeta } from "@/server/request-meta";
import { verifySecret } from "@/server/security/password-hash";
import { actorKindOf, findCredential, type CredentialKind } from "@/server/auth/credential-store";
import { setPassword, type PasswordFieldErrors } from "./set-password";

export type ChangeOwnPasswordResult =
  | { ok: true; sessionVersion: number }
  | { ok: false; fieldErrors: PasswordFieldErrors & { currentPassword?: string[] } };

/** A signed-in user changes its own password: the current one first, then the shared rules. */
export async function changeOwnPassword(
  kind: CredentialKind,
  accountId: string,
  input: { currentPassword: string; password: string; confirmPassword: string },
  meta: RequestMeta,
): Promise<ChangeOwnPasswordResult> {
  const cred = await findCredential(kind, { id: accountId });
  if (!cred || !(await verifySecret(cred.passwordHash, input.currentPassword))) {
    return { ok: false, fieldErrors: { currentPassword: ["The current password is incorrect."] } };
  }
  if (input.currentPassword === input.password) {
    return { ok: false, fieldErrors: { password: ["Choose a password different from the current one."] } };
  }
  const result = await setPassword({
    kind, accountId, password: input.password, confirmPassword: input.confirmPassword, mustChangePassword: false,
    actor: { kind: actorKindOf(kind), id: cred.id, label: cred.login }, action: AuditAction.passwordChanged, meta, notice: null,
  });
  if (!result.ok) return { ok: false, fieldErrors: result.error === "invalid" ? result.fieldErrors : { currentPassword: ["The current password is incorrect."] } };
  return { ok: true, sessionVersion: cred.sessionVersion + 1 };
}
