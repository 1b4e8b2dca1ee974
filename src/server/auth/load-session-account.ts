import "server-only";
import type { AccountRole } from "@/generated/prisma/enums";
import { getDb } from "@/server/db";
import { now } from "@/server/clock";
import { TWO_STEP_REQUIREMENT_SELECT, twoStepRequirement } from "@/server/two-step/two-step-policy";
import { checkSessionClaims, type SessionData, type SessionKind } from "./session-policy";
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
  /** The console password must be changed before anything else (found breached at logon). */
  mustChangePassword: boolean;
}

/** The columns of the Session row that say whether it still holds. */
const SESSION_STATE = { kind: true, revokedAt: true, lastSeenAt: true } as const;

const MAIL_ACCOUNT_SELECT = {
  id: true,
  address: true,
  displayName: true,
  status: true,
  domainId: true,
  sessionVersion: true,
  mustChangePassword: true,
  ...TWO_STEP_REQUIREMENT_SELECT,
  domain: { select: { name: true, requireTwoStepForEmployees: true } },
  _count: { select: { securityQuestions: true } },
} as const;

/** Re-reads the session row and its account behind sealed mail-session claims; null unless the session is still good. */
export async function loadMailUser(data: SessionData): Promise<MailUser | null> {
  const live = await liveSession(
    "mail",
    data,
    (id) =>
      getDb().session.findUnique({
        where: { id },
        select: { ...SESSION_STATE, setupOnly: true, mailAccount: { select: MAIL_ACCOUNT_SELECT } },
      }),
    (s) => (s.kind === "MAIL" ? s.mailAccount : null),
    (a) => a.status === "ACTIVE",
  );
  if (!live) return null;
  const { session: s, account: a } = live;
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
    sessionId: live.sessionId,
  };
}

export async function loadOperator(data: SessionData): Promise<Operator | null> {
  const live = await liveSession(
    "console",
    data,
    (id) =>
      getDb().session.findUnique({
        where: { id },
        select: {
          ...SESSION_STATE,
          cloudAccount: { select: { id: true, email: true, name: true, sessionVersion: true, mustChangePassword: true } },
        },
      }),
    (s) => (s.kind === "CONSOLE" ? s.cloudAccount : null),
    () => true,
  );
  if (!live) return null;
  const o = live.account;
  return {
    id: o.id,
    email: o.email,
    name: o.name,
    reauthAt: data.reauthAt ?? null,
    sessionVersion: o.sessionVersion,
    sessionId: live.sessionId,
    mustChangePassword: o.mustChangePassword,
  };
}

/**
 * The session row behind sealed claims (read by `read`) and the account it belongs to, when the claims
 * still match them (checkSessionClaims); the row's last-seen time is touched. Null otherwise.
 */
async function liveSession<S extends { revokedAt: Date | null; lastSeenAt: Date }, A extends { id: string; sessionVersion: number }>(
  kind: SessionKind,
  data: SessionData,
  read: (sessionId: string) => Promise<S | null>,
  accountOf: (session: S) => A | null,
  isActive: (account: A) => boolean,
): Promise<{ session: S; account: A; sessionId: string } | null> {
  if (!data.sessionId || !data.accountId) return null;
  const s = await read(data.sessionId);
  const a = s ? accountOf(s) : null;
  const record = s && a ? { accountId: a.id, revoked: !!s.revokedAt, sessionVersion: a.sessionVersion, active: isActive(a) } : null;
  const check = checkSessionClaims(kind, data, record, now().getTime());
  if (!check.ok || !s || !a) return null;
  await touchSessionRecord(data.sessionId, s.lastSeenAt);
  return { session: s, account: a, sessionId: data.sessionId };
}
