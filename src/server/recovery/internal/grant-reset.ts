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

/** What a passed proof did to the flow: the reset granted, one more proof asked, or nothing (the flow ended meanwhile). */
export type ProofOutcome = "granted" | "one_more" | "gone";

/**
 * A proof passed by `method`. An account that needs one proof gets the
 * grant. One that needs two (it uses two-step logon) keeps its first proof
 * on the flow and is asked for another; a second proof by a different
 * method gets the grant. The flow's row is locked first, so two proofs
 * passed at once are counted one after the other, and the same method
 * never counts twice.
 */
export async function passProof(tx: Tx, flowId: string, method: RecoveryMethod, proofsNeeded: 1 | 2, at: Date): Promise<ProofOutcome> {
  if (proofsNeeded === 1) return (await grantReset(tx, flowId, method, at)) ? "granted" : "gone";
  await tx.$queryRaw`SELECT 1 FROM "RecoveryFlow" WHERE "id" = ${flowId} FOR UPDATE`;
  const flow = await tx.recoveryFlow.findUnique({ where: { id: flowId }, select: { firstMethod: true } });
  if (!flow) return "gone";
  if (flow.firstMethod === method) return "gone";
  if (flow.firstMethod) return (await grantReset(tx, flowId, method, at)) ? "granted" : "gone";
  const moved = await tx.recoveryFlow.updateMany({
    where: { id: flowId, step: "VERIFY", completedAt: null, expiresAt: { gte: at }, firstMethod: null },
    data: { firstMethod: method, firstVerifiedAt: at, method: null },
  });
  if (moved.count !== 1) return "gone";
  await dropVerification(recoveryCodeKey(flowId), tx);
  return "one_more";
}
