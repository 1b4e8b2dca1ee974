import "server-only";
import type { Actor } from "@/server/audit/record-audit-event";
import { refuseAccess } from "@/server/audit/refuse-access";
import type { MailUser } from "@/server/auth/load-session-account";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";

declare const resolved: unique symbol;

/**
 * Who may use the domain-management console: an active postmaster, resolved once per request and
 * handed to every admin entry point as a value. Only this module makes one (the brand), from the
 * session the action's guard or the page's guard read (postmasterOf), or from an account id, its
 * refusal audited (resolvePostmaster): a domain function cannot be reached with a bare id.
 */
export type Postmaster = {
  readonly id: string;
  readonly address: string;
  readonly domainId: string;
  /** The postmaster as the audit log names it, made with the principal: an entry point does not come back here for it. */
  readonly actor: Actor;
  readonly [resolved]: true;
};

export type Refused = { ok: false; error: "forbidden" };

const principal = (a: { id: string; address: string; domainId: string }): Postmaster =>
  ({ id: a.id, address: a.address, domainId: a.domainId, actor: postmasterActor(a) }) as Postmaster;

/**
 * The signed-in mail account as a postmaster, or null: one that must first change its password or
 * set up two-step logon is not one yet (the guards send it there). The session's own read (a live
 * Session of an active account, src/server/auth/load-session-account.ts) is the check: SECURITY.md
 * "Administration" asks for it inside every action, and nothing is read twice.
 */
export function postmasterOf(user: MailUser): Postmaster | null {
  return user.role === "POSTMASTER" && !user.mustChangePassword && !user.twoStepSetupRequired ? principal(user) : null;
}

/** Reads an account as the caller: an active postmaster, or a refusal that is audited (callers without a session). */
export async function resolvePostmaster(
  actorId: string,
  attempted: string,
  meta: RequestMeta,
): Promise<{ ok: true; postmaster: Postmaster } | Refused> {
  const a = await getDb().mailAccount.findUnique({
    where: { id: actorId },
    select: { id: true, address: true, domainId: true, role: true, status: true },
  });
  if (a && a.role === "POSTMASTER" && a.status === "ACTIVE") return { ok: true, postmaster: principal(a) };
  const actor: Actor = a ? { kind: "MAIL_ACCOUNT", id: a.id, label: a.address } : { kind: "ANONYMOUS", label: null };
  await refuseAccess({ actor, attempted, reason: a ? "not_postmaster" : "no_session", domainId: a?.domainId ?? null, meta });
  return { ok: false, error: "forbidden" };
}

/** The postmaster as the audit log names it (a Postmaster carries it as `actor`). */
function postmasterActor(pm: Pick<Postmaster, "id" | "address">): Actor {
  return { kind: "MAIL_ACCOUNT", id: pm.id, label: pm.address };
}
