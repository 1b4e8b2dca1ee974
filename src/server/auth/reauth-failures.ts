import "server-only";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { consumeLimit, resetLimit } from "@/server/security/rate-limit";
import { actorKindOf, type CredentialKind } from "./credential-store";

/**
 * A wrong password typed inside a signed-in session (the current password on
 * a change-password form, the console password on a reset): whoever sits at
 * an unattended screen must not be able to keep guessing.
 * - each counts like a failed logon of the address (so the next logon asks
 *   for the image code after 5) and is audited;
 * - the 5th within 15 minutes ends every session of the account
 *   (sessionVersion + 1): trying again needs a full logon;
 * - none adds to the account lockout, so an open session cannot be used to
 *   lock its owner out.
 */
const REAUTH_MAX_FAILURES = 5;

const reauthKey = (kind: CredentialKind, id: string) => `${kind}:${id}`;

export interface ReauthSubject {
  kind: CredentialKind;
  id: string;
  login: string;
  domainId?: string | null;
}

/** Counts and audits one wrong password; true when it ended the account's sessions. */
export async function countReauthFailure(subject: ReauthSubject, attempted: string, meta: RequestMeta): Promise<boolean> {
  await consumeLimit("logonFailuresByAddress", `${subject.kind}:${subject.login.toLowerCase()}`);
  const { used } = await consumeLimit("reauthFailuresByAccount", reauthKey(subject.kind, subject.id));
  const signedOut = used >= REAUTH_MAX_FAILURES;
  if (signedOut) {
    const data = { sessionVersion: { increment: 1 } };
    if (subject.kind === "mail") await getDb().mailAccount.update({ where: { id: subject.id }, data });
    else await getDb().cloudAccount.update({ where: { id: subject.id }, data });
    await resetLimit("reauthFailuresByAccount", reauthKey(subject.kind, subject.id));
  }
  const who = { kind: actorKindOf(subject.kind), id: subject.id, label: subject.login } as const;
  await recordAuditEvent({
    actor: who,
    target: who,
    action: AuditAction.reauthFailed,
    result: "FAILURE",
    meta,
    domainId: subject.domainId ?? null,
    detail: { attempted, failures: used, signedOut },
  });
  return signedOut;
}

export async function clearReauthFailures(kind: CredentialKind, id: string): Promise<void> {
  await resetLimit("reauthFailuresByAccount", reauthKey(kind, id));
}
