import "server-only";
import type { Actor } from "@/server/audit/record-audit-event";

/**
 * Who may use the domain-management console, checked again inside every
 * domain function: a guard in the action is not enough on its own, since a
 * domain function can be reached from more than one place.
 */
export interface Postmaster {
  id: string;
  address: string;
  domainId: string;
}

export type Refused = { ok: false; error: "forbidden" };

/** The postmaster as the audit log names it. */
export function postmasterActor(pm: Pick<Postmaster, "id" | "address">): Actor {
  return { kind: "MAIL_ACCOUNT", id: pm.id, label: pm.address };
}
