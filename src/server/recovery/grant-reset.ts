import "server-only";
import type { RecoveryMethod } from "@/generated/prisma/enums";
import { addMs } from "@/server/clock";
import type { Tx } from "@/server/db";
import { dropVerification } from "@/server/verification/verification-store";
import { RECOVERY, recoveryCodeKey } from "./recovery-policy";

/**
 * A passed verification: the flow moves to "Set a new password" with a
 * one-use grant valid 10 minutes, and any code left on it is voided.
 * Conditional, so a flow that ended meanwhile is not revived; returns
 * whether it moved.
 */
export async function grantReset(tx: Tx, flowId: string, method: RecoveryMethod, at: Date): Promise<boolean> {
  const moved = await tx.recoveryFlow.updateMany({
    where: { id: flowId, step: "VERIFY", completedAt: null, expiresAt: { gte: at } },
    data: { step: "RESET", method, verifiedAt: at, grantExpiresAt: addMs(at, RECOVERY.grantTtlMs) },
  });
  if (moved.count !== 1) return false;
  await dropVerification(recoveryCodeKey(flowId), tx);
  return true;
}
