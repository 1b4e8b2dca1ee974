import "server-only";
import type { AuditResult } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import { recordAuditEvent, type Actor } from "@/server/audit/record-audit-event";
import type { AuditActionName } from "@/server/audit/audit-action";
import type { Tx } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";

/** Whom a wizard event is about: the address typed at step 1 and, when it matched one, the account. */
export interface RecoverySubject {
  accountId: string | null;
  address: string;
  domainId: string | null;
}

/** The person in the wizard has proved nothing yet: an anonymous actor, labelled with the address. */
export function recoveryActor(subject: RecoverySubject): Actor {
  return { kind: "ANONYMOUS", label: subject.address };
}

/** One wizard event; `detail` never holds a code, an answer or a full phone number. */
export async function recordRecoveryEvent(
  action: AuditActionName,
  subject: RecoverySubject,
  meta: RequestMeta,
  result: AuditResult,
  detail?: Prisma.InputJsonValue,
  tx?: Tx,
): Promise<void> {
  await recordAuditEvent(
    {
      actor: recoveryActor(subject),
      action,
      target: { kind: "MAIL_ACCOUNT", id: subject.accountId, label: subject.address },
      domainId: subject.domainId,
      result,
      meta,
      detail,
    },
    tx,
  );
}
