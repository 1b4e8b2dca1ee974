import "server-only";
import type { AuditResult } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import { actorKindOf, type CredentialKind } from "@/server/auth/credential-store";
import type { Tx } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import type { AuditActionName } from "./audit-action";
import { recordAuditEvent } from "./record-audit-event";

/** A change an account makes to its own security (mail account or operator): the account is actor and target. Never a secret in `detail`. */
export async function auditOwnChange(
  account: { kind: CredentialKind; id: string; login: string; domainId: string | null },
  action: AuditActionName,
  result: AuditResult,
  meta: RequestMeta,
  detail: Prisma.InputJsonValue,
  tx?: Tx,
): Promise<void> {
  const who = { kind: actorKindOf(account.kind), id: account.id, label: account.login };
  await recordAuditEvent({ actor: who, action, target: who, domainId: account.domainId, result, meta, detail }, tx);
}
