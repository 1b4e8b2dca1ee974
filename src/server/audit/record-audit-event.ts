import "server-only";
import type { ActorKind, AuditResult } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import { afterCommit, getDb, type Tx } from "@/server/db";
import { emitDomainEvent } from "@/server/observability/domain-events";
import { newId } from "@/server/ids";
import { now } from "@/server/clock";
import type { RequestMeta } from "@/server/request-meta";
import type { AuditActionName } from "./audit-action";

/** The actor kinds that name an account (the others are ANONYMOUS and SYSTEM). */
export type AccountActorKind = Exclude<ActorKind, "ANONYMOUS" | "SYSTEM">;

export type Actor =
  { kind: "ANONYMOUS"; label?: string | null } | { kind: AccountActorKind; id: string; label: string } | { kind: "SYSTEM"; label: string };

export interface AuditInput {
  actor: Actor;
  action: AuditActionName;
  target?: { kind: AccountActorKind | "DOMAIN" | "DEPARTMENT"; id: string | null; label: string };
  domainId?: string | null;
  result?: AuditResult;
  meta: RequestMeta;
  /** Never a password, code or answer; phone numbers masked by the caller. */
  detail?: Prisma.InputJsonValue;
}

/**
 * Writes one AuditEvent, inside the caller's transaction when one is given;
 * once it is stored (the transaction committed), it is also logged and counted.
 */
export async function recordAuditEvent(input: AuditInput, tx?: Tx): Promise<void> {
  const client = tx ?? getDb();
  await client.auditEvent.create({
    data: {
      id: newId(),
      actorKind: input.actor.kind,
      actorId: "id" in input.actor ? input.actor.id : null,
      actorLabel: input.actor.label ?? null,
      action: input.action,
      targetKind: input.target?.kind ?? null,
      targetId: input.target?.id ?? null,
      targetLabel: input.target?.label ?? null,
      domainId: input.domainId ?? null,
      result: input.result ?? "SUCCESS",
      ip: input.meta.ip,
      userAgent: input.meta.userAgent,
      detail: input.detail,
      createdAt: now(),
    },
  });
  afterCommit(client, () => emitDomainEvent(input));
}
