import "server-only";
import type { Tx } from "@/server/db";
import type { EndedReason } from "./internal/recovery-policy";

/** What closes every open Forgot Password flow of an account at once. */
export type AccountFlowsEnd = Extract<EndedReason, "password_changed" | "account_disabled" | "reported_not_me">;

/**
 * Ends every open Forgot Password flow of the account, inside the caller's transaction, and says how many
 * (SECURITY.md "Forgot Password (self-service)"). A new password or a disabled account voids them, their step
 * kept (a flow at "Set password" still marks its own reset done in the same transaction); "This wasn't me"
 * also fails them and drops their codes.
 */
export async function closeRecoveryFlows(tx: Tx, accountId: string, reason: AccountFlowsEnd, at: Date): Promise<number> {
  const open = { accountId, completedAt: null };
  if (reason !== "reported_not_me")
    return (await tx.recoveryFlow.updateMany({ where: open, data: { completedAt: at, endedReason: reason } })).count;
  const ids = (await tx.recoveryFlow.findMany({ where: open, select: { id: true } })).map((f) => f.id);
  const closed = await tx.recoveryFlow.updateMany({
    where: { id: { in: ids } },
    data: { step: "FAILED", completedAt: at, endedReason: reason },
  });
  await tx.verification.deleteMany({ where: { purpose: "RECOVERY", target: { in: ids } } });
  return closed.count;
}
