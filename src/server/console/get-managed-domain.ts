import "server-only";
import { maskPhone } from "@/lib/phone";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { findOwnedDomain, findPostmaster, type ConsoleOperatorRef } from "./internal/find-owned-domain";
import type { PasswordPolicyView } from "@/lib/password-policy";
import { domainPasswordPolicy } from "@/server/passwords/domain-password-policy";

export interface ManagedDomain {
  id: string;
  name: string;
  edition: string;
  status: "ACTIVE" | "SUSPENDED";
  createdAt: Date;
  accountsInUse: number;
  /** The rules a new password of its postmaster must meet. */
  policy: PasswordPolicyView;
  postmaster: {
    address: string;
    active: boolean;
    passwordChangedAt: Date;
    mustChangePassword: boolean;
    /** Masked (+1 ••• ••• 0101); null when no verified secure mobile is bound. */
    secureMobile: string | null;
    lockedUntil: Date | null;
  } | null;
}

export type GetManagedDomainResult = { ok: true; domain: ManagedDomain } | { ok: false; error: "not_found" };

/** The Manage page's overview; another operator's domain is refused (audited) and looks not found. */
export async function getManagedDomain(
  input: {
    operator: ConsoleOperatorRef;
    domainId: string;
    /** What a refusal is audited as (the page asking). */
    attempted?: string;
  },
  meta: RequestMeta,
): Promise<GetManagedDomainResult> {
  const { operator, domainId, attempted = "view_domain" } = input;
  const domain = await findOwnedDomain(operator, domainId, attempted, meta);
  if (!domain) return { ok: false, error: "not_found" };
  const [accountsInUse, pm] = await Promise.all([getDb().mailAccount.count({ where: { domainId: domain.id } }), findPostmaster(domain)]);
  const locked = pm?.lockedUntil && pm.lockedUntil > now() ? pm.lockedUntil : null;
  return {
    ok: true,
    domain: {
      id: domain.id,
      name: domain.name,
      edition: domain.edition,
      status: domain.status,
      createdAt: domain.createdAt,
      accountsInUse,
      policy: domainPasswordPolicy(domain),
      postmaster: pm && {
        address: pm.address,
        active: pm.status === "ACTIVE",
        passwordChangedAt: pm.passwordChangedAt,
        mustChangePassword: pm.mustChangePassword,
        secureMobile: pm.secureMobile && pm.secureMobileVerifiedAt ? maskPhone(pm.secureMobile) : null,
        lockedUntil: locked,
      },
    },
  };
}
