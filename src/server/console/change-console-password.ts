import "server-only";
import type { RequestMeta } from "@/server/request-meta";
import { changeOwnPassword, type ChangeOwnPasswordResult } from "@/server/passwords/change-own-password";
import type { ConsoleOperatorRef } from "./internal/find-owned-domain";

export interface ChangeConsolePasswordInput {
  currentPassword: string;
  password: string;
  confirmPassword: string;
}

export type ChangeConsolePasswordResult =
  Extract<ChangeOwnPasswordResult, { ok: true } | { error: "invalid" }> | { ok: false; error: "reauth_blocked" };

/**
 * The operator changes its own console password: the shared change (no
 * domain keywords; a wrong current password counts like a wrong console
 * password). Every console session of the operator ends; the caller gives
 * this browser a fresh one.
 */
export async function changeConsolePassword(
  input: ChangeConsolePasswordInput & { operator: ConsoleOperatorRef },
  meta: RequestMeta,
): Promise<ChangeConsolePasswordResult> {
  const { operator, ...passwords } = input;
  const result = await changeOwnPassword({ kind: "cloud", accountId: operator.id, ...passwords }, meta);
  return !result.ok && result.error === "signed_out" ? { ok: false, error: "reauth_blocked" } : result;
}
