import "server-only";
import { msg, type MessageRef } from "@/lib/message-ref";
import { findCredential } from "@/server/auth/credential-store";
import { clearReauthFailures, countReauthFailure } from "@/server/auth/reauth-failures";
import { now } from "@/server/clock";
import type { RequestMeta } from "@/server/request-meta";
import { verifyPassword } from "@/server/security/password-hash";
import type { ConsoleOperatorRef } from "./find-owned-domain";
import { isReauthFresh } from "../reauth-window";

/** Wrong console passwords are counted by the shared re-authentication rule (src/server/auth/reauth-failures.ts). */
const subject = (operator: ConsoleOperatorRef) => ({ kind: "cloud" as const, id: operator.id, login: operator.email });

export type ConfirmConsolePasswordResult =
  | { ok: true; reauthenticated: boolean }
  | { ok: false; error: "missing" | "expired" | "wrong"; message: MessageRef }
  | { ok: false; error: "blocked" };

/** Counts and audits one wrong console password; true when it ended the operator's sessions. */
function countConsolePasswordFailure(operator: ConsoleOperatorRef, attempted: string, meta: RequestMeta): Promise<boolean> {
  return countReauthFailure(subject(operator), attempted, meta);
}

function clearConsolePasswordFailures(operator: ConsoleOperatorRef): Promise<void> {
  return clearReauthFailures("cloud", operator.id);
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
      ? { ok: false, error: "expired", message: msg("Console.errors.consolePasswordExpired") }
      : { ok: false, error: "missing", message: msg("Console.errors.consolePasswordMissing") };
  }
  const cred = await findCredential("cloud", { id: operator.id });
  if (cred && (await verifyPassword(cred.passwordHash, consolePassword))) {
    await clearConsolePasswordFailures(operator);
    return { ok: true, reauthenticated: true };
  }
  if (await countConsolePasswordFailure(operator, attempted, meta)) return { ok: false, error: "blocked" };
  return { ok: false, error: "wrong", message: msg("Console.errors.consolePasswordWrong") };
}
