import "server-only";
import { AuditAction } from "@/server/audit/actions";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { findCredential } from "@/server/auth/credential-store";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { consumeLimit, resetLimit } from "@/server/security/rate-limit";
import { verifySecret } from "@/server/security/password-hash";
import type { ConsoleOperatorRef } from "./find-owned-domain";
import { isReauthFresh } from "./reauth-window";

export const CONSOLE_PASSWORD_WRONG = "The console password is incorrect.";
export const CONSOLE_PASSWORD_MISSING = "Enter your console password.";
export const CONSOLE_PASSWORD_EXPIRED = "Your confirmation is more than 5 minutes old. Enter your console password again.";

/**
 * Wrong console passwords (SECURITY.md "Logon" numbers, applied to the console):
 * - each counts like a failed logon of the operator's address (the logon's own
 *   counter and key), so the next logon asks for the image code after 5;
 * - each is audited (console.reauth_failed);
 * - the 5th within 15 minutes ends the console session: whoever sits at an
 *   unattended console cannot keep guessing, and must log on (with the
 *   password and the image code) to try again. It bumps the operator's
 *   sessionVersion, so every console session of the operator ends on the
 *   server, not only the cookie of this browser. The operator is told why.
 * They do not add to the account lockout: a console left open must not be a
 * way to lock its operator out of its own account.
 * The session counter reuses the 5-per-15-minutes policy under its own key
 * (a dedicated policy name belongs in rate-limit-policies.ts).
 */
const POLICY = "logonFailuresByAddress";
const logonKey = (operator: ConsoleOperatorRef) => `cloud:${operator.email.toLowerCase()}`;
const reauthKey = (operator: ConsoleOperatorRef) => `console-reauth:${operator.id}`;
const MAX_FAILURES = 5;

export type ConfirmConsolePasswordResult =
  | { ok: true; reauthenticated: boolean }
  | { ok: false; error: "missing" | "expired" | "wrong"; message: string }
  | { ok: false; error: "blocked" };

/** Counts and audits one wrong console password; true when it was the last one allowed (end the session). */
export async function countConsolePasswordFailure(operator: ConsoleOperatorRef, attempted: string, meta: RequestMeta): Promise<boolean> {
  await consumeLimit(POLICY, logonKey(operator));
  const { used } = await consumeLimit(POLICY, reauthKey(operator));
  const blocked = used >= MAX_FAILURES;
  if (blocked) {
    // Every console session ends now; a new one needs the password (and image code) to exist at all.
    await getDb().cloudAccount.update({ where: { id: operator.id }, data: { sessionVersion: { increment: 1 } } });
    await resetLimit(POLICY, reauthKey(operator));
  }
  const who = { kind: "CLOUD_ACCOUNT", id: operator.id, label: operator.email } as const;
  await recordAuditEvent({
    actor: who, target: who, action: AuditAction.consoleReauthFailed, result: "FAILURE", meta,
    detail: { attempted, failures: used, signedOut: blocked },
  });
  return blocked;
}

export async function clearConsolePasswordFailures(operator: ConsoleOperatorRef): Promise<void> {
  await resetLimit(POLICY, reauthKey(operator));
}

/**
 * The operator proves it is still at the console: either the console password
 * now, or a confirmation at `reauthAt` no more than 5 minutes ago. A password
 * that is given is always checked, even inside the window.
 */
export async function confirmConsolePassword(
  operator: ConsoleOperatorRef & { reauthAt: number | null },
  consolePassword: string,
  attempted: string,
  meta: RequestMeta,
): Promise<ConfirmConsolePasswordResult> {
  if (!consolePassword) {
    if (isReauthFresh(operator.reauthAt, now().getTime())) return { ok: true, reauthenticated: false };
    return operator.reauthAt
      ? { ok: false, error: "expired", message: CONSOLE_PASSWORD_EXPIRED }
      : { ok: false, error: "missing", message: CONSOLE_PASSWORD_MISSING };
  }
  const cred = await findCredential("cloud", { id: operator.id });
  if (cred && (await verifySecret(cred.passwordHash, consolePassword))) {
    await clearConsolePasswordFailures(operator);
    return { ok: true, reauthenticated: true };
  }
  if (await countConsolePasswordFailure(operator, attempted, meta)) return { ok: false, error: "blocked" };
  return { ok: false, error: "wrong", message: CONSOLE_PASSWORD_WRONG };
}
