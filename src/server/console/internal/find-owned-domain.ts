import "server-only";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { recordConsoleRefusal } from "../record-console-refusal";
import { DOMAIN_POLICY_SELECT } from "@/server/passwords/domain-password-policy";

export interface ConsoleOperatorRef {
  id: string;
  email: string;
}

/**
 * The domain, when `operator` owns it. Anything else (another operator's
 * domain, an unknown id) is audited as a refusal and answered with null, so
 * a foreign domain looks exactly like one that does not exist.
 */
export async function findOwnedDomain(operator: ConsoleOperatorRef, domainId: string, attempted: string, meta: RequestMeta) {
  const domain = await getDb().domain.findUnique({
    where: { id: domainId },
    select: { id: true, ownerId: true, edition: true, status: true, createdAt: true, ...DOMAIN_POLICY_SELECT },
  });
  if (domain && domain.ownerId === operator.id) return domain;
  await recordConsoleRefusal(
    {
      actor: { kind: "CLOUD_ACCOUNT", id: operator.id, label: operator.email },
      reason: domain ? "not_owner" : "unknown_domain",
      attempted,
      domainId,
    },
    meta,
  );
  return null;
}

/** The domain's postmaster account (postmaster@<domain>; the oldest POSTMASTER if that address is missing). */
export async function findPostmaster(domain: { id: string; name: string }) {
  const select = {
    id: true,
    address: true,
    status: true,
    passwordChangedAt: true,
    mustChangePassword: true,
    secureMobile: true,
    secureMobileVerifiedAt: true,
    lockedUntil: true,
  } as const;
  const db = getDb();
  return (
    (await db.mailAccount.findFirst({
      where: { domainId: domain.id, role: "POSTMASTER", address: `postmaster@${domain.name}` },
      select,
    })) ?? (await db.mailAccount.findFirst({ where: { domainId: domain.id, role: "POSTMASTER" }, orderBy: { createdAt: "asc" }, select }))
  );
}

/** The target of a change to a domain's postmaster: the domain the operator owns (findOwnedDomain) and its postmaster. */
export async function findOwnedPostmaster(operator: ConsoleOperatorRef, domainId: string, attempted: string, meta: RequestMeta) {
  const domain = await findOwnedDomain(operator, domainId, attempted, meta);
  if (!domain) return { ok: false, error: "not_found" } as const;
  const postmaster = await findPostmaster(domain);
  if (!postmaster) return { ok: false, error: "no_postmaster" } as const;
  return { ok: true, domain, postmaster } as const;
}
