import "server-only";
import type { AccountRole } from "@/generated/prisma/enums";
import { getDb } from "@/server/db";
import { now } from "@/server/clock";
import { twoStepRequirement } from "@/server/two-step/two-step-policy";
import { checkSessionClaims, type SessionData } from "./session-policy";
import { touchSessionRecord } from "./session-store";

export interface MailUser {
  id: string;
  address: string;
  displayName: string;
  role: AccountRole;
  domainId: string;
  domainName: string;
  mustChangePassword: boolean;
  hasSecureMobile: boolean;
  hasQuestions: boolean;
  /**
   * Only Account Security may be used: two-step logon is required and neither method is set up, or
   * this is a setup-only session (a logon by password alone of such an account).
   */
  twoStepSetupRequired: boolean;
  /**
   * A setup-only session whose account now has a method: it may do nothing but log off, and the owner
   * logs on again through the new method (SECURITY.md "Second step").
   */
  logOnAgain: boolean;
  sessionVersion: number;
  /** The Session row of this browser's logon. */
  sessionId: string;
}

export interface Operator {
  id: string;
  email: string;
  name: string;
  reauthAt: number | null;
  sessionVersion: number;
  sessionId: string;
}

const MAIL_ACCOUNT_SELECT = {
  id: true,
  address: true,
  displayName: true,
  role: true,
  status: true,
  domainId: true,
  sessionVersion: true,
  mustChangePassword: true,
  secureMobile: true,
  secureMobileVerifiedAt: true,
  totpEnabledAt: true,
  domain: { select: { name: true, requireTwoStepForEmployees: true } },
  _count: { select: { securityQuestions: true } },
} as const;

/** Re-reads the session row and its account behind sealed mail-session claims; null unless the session is still good. */
export async function loadMailUser(data: SessionData): Promise<MailUser | null> {
  if (!data.sessionId || !data.accountId) return null;
  const s = await getDb().session.findUnique({
    where: { id: data.sessionId },
    select: {
      kind: true,
      revokedAt: true,
      lastSeenAt: true,
      setupOnly: true,
      mailAccountId: true,
      mailAccount: { select: MAIL_ACCOUNT_SELECT },
    },
  });
  const a = s?.kind === "MAIL" ? s.mailAccount : null;
  const record =
    s && a ? { accountId: a.id, revoked: !!s.revokedAt, sessionVersion: a.sessionVersion, active: a.status === "ACTIVE" } : null;
  const check = checkSessionClaims("mail", data, record, now().getTime());
  if (!check.ok || !s || !a) return null;
  await touchSessionRecord(data.sessionId, s.lastSeenAt);
  const { needsSetup } = twoStepRequirement(a);
  return {
    id: a.id,
    address: a.address,
    displayName: a.displayName,
    role: a.role,
    domainId: a.domainId,
    domainName: a.domain.name,
    mustChangePassword: a.mustChangePassword,
    hasSecureMobile: !!(a.secureMobile && a.secureMobileVerifiedAt),
    hasQuestions: a._count.securityQuestions >= 3,
    twoStepSetupRequired: needsSetup || s.setupOnly,
    logOnAgain: s.setupOnly && !needsSetup,
    sessionVersion: a.sessionVersion,
    sessionId: data.sessionId,
  };
}

export async function loadOperator(data: SessionData): Promise<Operator | null> {
  if (!data.sessionId || !data.accountId) return null;
  const s = await getDb().session.findUnique({
    where: { id: data.sessionId },
    select: {
      kind: true,
      revokedAt: true,
      lastSeenAt: true,
      cloudAccount: { select: { id: true, email: true, name: true, sessionVersion: true } },
    },
  });
  const o = s?.kind === "CONSOLE" ? s.cloudAccount : null;
  const record = s && o ? { accountId: o.id, revoked: !!s.revokedAt, sessionVersion: o.sessionVersion, active: true } : null;
  const check = checkSessionClaims("console", data, record, now().getTime());
  if (!check.ok || !s || !o) return null;
  await touchSessionRecord(data.sessionId, s.lastSeenAt);
  return {
    id: o.id,
    email: o.email,
    name: o.name,
    reauthAt: data.reauthAt ?? null,
    sessionVersion: o.sessionVersion,
    sessionId: data.sessionId,
  };
}
