import "server-only";
import type { CredentialKind } from "@/server/auth/credential-store";
import { DAY, MINUTE } from "@/server/clock";
import type { Prisma } from "@/generated/prisma/client";
import { getDb, type Tx } from "@/server/db";

/**
 * Two-step logon (SECURITY.md "Second step and recovery strength", ADR 0008): after the password, a
 * 6-digit SMS code to the secure mobile or a code from an authenticator app
 * (TOTP, RFC 6238: 30 s steps, ±1 step, each step accepted once), or one of
 * 10 one-use recovery codes. Postmasters always; employees when their
 * domain's Password Policy asks for it; cloud operators when they turn on
 * an authenticator app for themselves.
 */
export const TWO_STEP = {
  /** From the password to the second step: the attempt lives 10 minutes. */
  challengeTtlMs: 10 * MINUTE,
  /** Wrong codes that end one attempt (each also counts toward the logon lock). */
  maxFailures: 5,
  /** "Trust this browser for 30 days". */
  trustMs: 30 * DAY,
  recoveryCodes: 10,
  totp: { digits: 6, periodSec: 30, window: 1, issuer: "Postkey" },
} as const;

export interface TwoStepMethods {
  /** The verified secure mobile (E.164), for SMS codes (mail accounts only). */
  sms: string | null;
  /** An authenticator app is set up (its recovery codes go with it). */
  totp: boolean;
}

export interface TwoStepRequirement {
  /** The account's rule asks for a second step: a postmaster, an employee under the domain's policy. */
  required: boolean;
  methods: TwoStepMethods;
  /**
   * A second step is asked at every logon (SECURITY.md "Second step"): required with a method to
   * use, or an authenticator app set up by the owner's own choice (then its SMS codes work too).
   */
  asked: boolean;
  /** Required, but neither method is set up: the session may only reach Account Security. */
  needsSetup: boolean;
}

/** Whose second step: a mail account, or a cloud operator (who may turn it on for itself). */
export interface TwoStepOwner {
  kind: CredentialKind;
  id: string;
}

/** What the second step needs to know about the account behind a logon. */
export interface TwoStepSubject extends TwoStepOwner {
  /** The address (mail) or email (operator) it logs on with. */
  login: string;
  domainId: string | null;
  role: string;
  active: boolean;
  locale: string | null;
  sessionVersion: number;
  mustChangePassword: boolean;
  totpEnabledAt: Date | null;
  requirement: TwoStepRequirement;
}

/** The mail account's columns twoStepRequirement reads, besides its domain's requireTwoStepForEmployees. */
export const TWO_STEP_REQUIREMENT_SELECT = { role: true, secureMobile: true, secureMobileVerifiedAt: true, totpEnabledAt: true } as const;

/**
 * Mail accounts: postmasters always, employees when their domain requires
 * it or once they set up an authenticator app; by SMS to the secure mobile
 * or the app. An employee's secure mobile alone is a way back in (Forgot
 * Password), not a second step. Operators: once they turned on an app.
 */
export function twoStepRequirement(a: {
  role: string;
  domain: { requireTwoStepForEmployees: boolean };
  secureMobile: string | null;
  secureMobileVerifiedAt: Date | null;
  totpEnabledAt: Date | null;
}): TwoStepRequirement {
  const methods = { sms: a.secureMobile && a.secureMobileVerifiedAt ? a.secureMobile : null, totp: Boolean(a.totpEnabledAt) };
  const required = a.role === "POSTMASTER" || a.domain.requireTwoStepForEmployees;
  const hasMethod = Boolean(methods.sms) || methods.totp;
  return { required, methods, asked: (required && hasMethod) || methods.totp, needsSetup: required && !hasMethod };
}

/** The columns a mail account's second step needs (findCredential reads them with the password hash). */
const MAIL_SUBJECT_SELECT = {
  id: true,
  address: true,
  status: true,
  locale: true,
  domainId: true,
  sessionVersion: true,
  mustChangePassword: true,
  ...TWO_STEP_REQUIREMENT_SELECT,
  domain: { select: { requireTwoStepForEmployees: true } },
} as const;
const CLOUD_SUBJECT_SELECT = {
  id: true,
  email: true,
  locale: true,
  sessionVersion: true,
  totpEnabledAt: true,
  mustChangePassword: true,
} as const;

export type MailSubjectRow = Prisma.MailAccountGetPayload<{ select: typeof MAIL_SUBJECT_SELECT }>;
export type CloudSubjectRow = Prisma.CloudAccountGetPayload<{ select: typeof CLOUD_SUBJECT_SELECT }>;

export function mailTwoStepSubject(a: MailSubjectRow): TwoStepSubject {
  return {
    kind: "mail",
    id: a.id,
    login: a.address,
    domainId: a.domainId,
    role: a.role,
    active: a.status === "ACTIVE",
    locale: a.locale,
    sessionVersion: a.sessionVersion,
    mustChangePassword: a.mustChangePassword,
    totpEnabledAt: a.totpEnabledAt,
    requirement: twoStepRequirement(a),
  };
}

export function cloudTwoStepSubject(op: CloudSubjectRow): TwoStepSubject {
  const totp = Boolean(op.totpEnabledAt);
  return {
    kind: "cloud",
    id: op.id,
    login: op.email,
    domainId: null,
    role: "OPERATOR",
    active: true,
    locale: op.locale,
    sessionVersion: op.sessionVersion,
    mustChangePassword: op.mustChangePassword,
    totpEnabledAt: op.totpEnabledAt,
    requirement: { required: false, methods: { sms: null, totp }, asked: totp, needsSetup: false },
  };
}

export async function findTwoStepSubject(owner: TwoStepOwner, tx?: Tx): Promise<TwoStepSubject | null> {
  const db = tx ?? getDb();
  if (owner.kind === "cloud") {
    const op = await db.cloudAccount.findUnique({ where: { id: owner.id }, select: CLOUD_SUBJECT_SELECT });
    return op && cloudTwoStepSubject(op);
  }
  const a = await db.mailAccount.findUnique({ where: { id: owner.id }, select: MAIL_SUBJECT_SELECT });
  return a && mailTwoStepSubject(a);
}

/**
 * The owner's row locked for the rest of `tx` (SELECT … FOR UPDATE), then its second-step state:
 * changes of methods serialize on it, so two parallel removals cannot each see the other method.
 */
export async function lockTwoStepSubject(tx: Tx, owner: TwoStepOwner): Promise<TwoStepSubject | null> {
  if (owner.kind === "cloud") await tx.$queryRaw`SELECT 1 FROM "CloudAccount" WHERE "id" = ${owner.id} FOR UPDATE`;
  else await tx.$queryRaw`SELECT 1 FROM "MailAccount" WHERE "id" = ${owner.id} FOR UPDATE`;
  return findTwoStepSubject(owner, tx);
}

/** Removing `method` would leave an account that requires a second step without one (SECURITY.md: refused). */
export function isLastRequiredMethod(requirement: TwoStepRequirement, method: "sms" | "totp"): boolean {
  if (!requirement.required) return false;
  return method === "sms" ? !requirement.methods.totp : !requirement.methods.sms;
}
