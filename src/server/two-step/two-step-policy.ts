import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { DAY, MINUTE } from "@/server/clock";
import { getDb, type Tx } from "@/server/db";

/**
 * Two-step logon (issue 14 §2, SECURITY.md numbers): after the password, a
 * 6-digit SMS code to the secure mobile or a code from an authenticator app
 * (TOTP, RFC 6238: 30 s steps, ±1 step, each step accepted once), or one of
 * 10 one-use recovery codes. Postmasters always; employees when their
 * domain's Password Policy asks for it.
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

export const TWO_STEP_ACCOUNT_SELECT = {
  id: true,
  address: true,
  role: true,
  status: true,
  locale: true,
  domainId: true,
  sessionVersion: true,
  mustChangePassword: true,
  secureMobile: true,
  secureMobileVerifiedAt: true,
  totpEnabledAt: true,
  domain: { select: { requireTwoStepForEmployees: true } },
} satisfies Prisma.MailAccountSelect;

export type TwoStepAccount = Prisma.MailAccountGetPayload<{ select: typeof TWO_STEP_ACCOUNT_SELECT }>;

export function findTwoStepAccount(id: string, tx?: Tx): Promise<TwoStepAccount | null> {
  return (tx ?? getDb()).mailAccount.findUnique({ where: { id }, select: TWO_STEP_ACCOUNT_SELECT });
}

export interface TwoStepMethods {
  /** The verified secure mobile (E.164), for SMS codes. */
  sms: string | null;
  /** An authenticator app is set up (its recovery codes go with it). */
  totp: boolean;
}

export interface TwoStepRequirement {
  required: boolean;
  methods: TwoStepMethods;
  /** Required, but neither method is set up: the session may only reach Account Security. */
  needsSetup: boolean;
}

export function twoStepRequired(a: Pick<TwoStepAccount, "role" | "domain">): boolean {
  return a.role === "POSTMASTER" || a.domain.requireTwoStepForEmployees;
}

export function twoStepRequirement(
  a: Pick<TwoStepAccount, "role" | "domain" | "secureMobile" | "secureMobileVerifiedAt" | "totpEnabledAt">,
): TwoStepRequirement {
  const methods = { sms: a.secureMobile && a.secureMobileVerifiedAt ? a.secureMobile : null, totp: Boolean(a.totpEnabledAt) };
  const required = twoStepRequired(a);
  return { required, methods, needsSetup: required && !methods.sms && !methods.totp };
}
