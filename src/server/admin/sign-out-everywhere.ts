import "server-only";
import type { RequestMeta } from "@/server/request-meta";
import { runAccountAction, type AccountActionResult } from "./account-actions";
import type { Postmaster } from "./postmaster";

/**
 * Edit Account > Sign out everywhere (a phished or lost device): every open
 * session of an employee of the postmaster's domain ends at once, in one
 * transaction (sessionVersion + 1, every Session row revoked, audit event).
 * Not for the postmaster's own account, nor for another postmaster.
 */
export function signOutEverywhere(input: { postmaster: Postmaster; accountId: string }, meta: RequestMeta): Promise<AccountActionResult> {
  return runAccountAction({ ...input, action: "sign_out" }, meta);
}
