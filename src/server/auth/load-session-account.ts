import "server-only";
import { getDb } from "@/server/db";
import { now } from "@/server/clock";
import { checkSessionClaims, type SessionData } from "./session-policy";

export interface MailUser {
  id: string;
  address: string;
  displayName: string;
  role: "POSTMASTER" | "EMPLOYEE";
  domainId: string;
  domainName: string;
  mustChangePassword: boolean;
  hasSecureMobile: boolean;
  hasQuestions: boolean;
}

export interface Operator {
  id: string;
  email: string;
  name: string;
  reauthAt: number | null;
}

/** Re-reads the account behind sealed mail-session claims; null unless the session is still good. */
export async function loadMailUser(data: SessionData): Promise<MailUser | null> {
  if (!data.accountId) return null;
  const a = await getDb().mailAccount.findUnique({
    where: { id: data.accountId },
    select: {
      id: true, address: true, displayName: true, role: true, status: true, domainId: true, sessionVersion: true,
      mustChangePassword: true, secureMobile: true, secureMobileVerifiedAt: true,
      domain: { select: { name: true } }, _count: { select: { securityQuestions: true } },
    },
  });
  const check = checkSessionClaims("mail", data, a && { sessionVersion: a.sessionVersion, active: a.status === "ACTIVE" }, now().getTime());
  if (!check.ok || !a) return null;
  return {
    id: a.id, address: a.address, displayName: a.displayName, role: a.role, domainId: a.domainId, domainName: a.domain.name,
    mustChangePassword: a.mustChangePassword, hasSecureMobile: !!(a.secureMobile && a.secureMobileVerifiedAt),
    hasQuestions: a._count.securityQuestions >= 3,
  };
}

export async function loadOperator(data: SessionData): Promise<Operator | null> {
  if (!data.accountId) return null;
  const o = await getDb().cloudAccount.findUnique({ where: { id: data.accountId }, select: { id: true, email: true, name: true, sessionVersion: true } });
  const check = checkSessionClaims("console", data, o && { sessionVersion: o.sessionVersion, active: true }, now().getTime());
  if (!check.ok || !o) return null;
  return { id: o.id, email: o.email, name: o.name, reauthAt: data.reauthAt ?? null };
}
