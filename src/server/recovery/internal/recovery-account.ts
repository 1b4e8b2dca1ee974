import "server-only";
import type { RecoveryMethod } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import { QUESTIONS_REQUIRED } from "@/lib/security-questions";
import { getDb, type Tx } from "@/server/db";
import { peekLimit } from "@/server/security/rate-limit";
import { twoStepRequirement } from "@/server/two-step/two-step-policy";
import { DOMAIN_POLICY_SELECT } from "@/server/passwords/domain-password-policy";

/** What the wizard needs to know about an account: status, methods, and what its domain allows. */
const RECOVERY_ACCOUNT_SELECT = {
  id: true,
  address: true,
  status: true,
  /** The account's language: the recovery code SMS is written in it. */
  locale: true,
  domainId: true,
  secureMobile: true,
  secureMobileVerifiedAt: true,
  backupEmail: true,
  backupEmailVerifiedAt: true,
  role: true,
  totpEnabledAt: true,
  domain: {
    select: {
      allowSmsRecovery: true,
      allowQuestionRecovery: true,
      allowEmailRecovery: true,
      ...DOMAIN_POLICY_SELECT,
    },
  },
  _count: { select: { securityQuestions: true, twoStepRecoveryCodes: { where: { usedAt: null } } } },
} satisfies Prisma.MailAccountSelect;

export type RecoveryAccount = Prisma.MailAccountGetPayload<{ select: typeof RECOVERY_ACCOUNT_SELECT }>;

export function findRecoveryAccount(where: { address: string } | { id: string }, tx?: Tx): Promise<RecoveryAccount | null> {
  return (tx ?? getDb()).mailAccount.findUnique({ where, select: RECOVERY_ACCOUNT_SELECT });
}

export interface RecoveryBlocks {
  /** Too many recovery failures (codes + answers): self-service refused for 1 h. */
  account: boolean;
  /** Too many failed question tries: the questions method is blocked for 24 h. */
  questions: boolean;
}

/** Both blocks, read the same way for every key (unknown addresses included, so timing does not differ). */
export async function readRecoveryBlocks(key: string): Promise<RecoveryBlocks> {
  const [account, questions] = await Promise.all([peekLimit("recoveryBlockByAccount", key), peekLimit("questionFailuresByAccount", key)]);
  return { account: !account.allowed, questions: !questions.allowed };
}

export interface RecoveryMethods {
  /** The verified secure mobile (E.164) when the domain allows SMS recovery. */
  sms: string | null;
  /** The verified backup email address when the domain allows recovery by email. */
  email: string | null;
  /** The account has its 3 questions, the domain allows them, and the account needs one proof only. */
  questions: boolean;
  questionsBlocked: boolean;
  /** The account's authenticator app: a code from it is a proof. */
  totp: boolean;
  /** One of the app's unused recovery codes is a proof. */
  recoveryCode: boolean;
  /**
   * Proofs to pass before "Set a new password" (SECURITY.md "Second step and recovery strength"): two
   * different ones for an account that uses two-step logon (postmasters, employees under the domain's
   * policy, anyone with an app), whose security questions never count; one for every other account.
   */
  proofsNeeded: 1 | 2;
}

export function recoveryMethods(account: RecoveryAccount, blocks: RecoveryBlocks): RecoveryMethods {
  const twoStep = twoStepRequirement(account);
  const proofsNeeded = twoStep.required || twoStep.methods.totp ? 2 : 1;
  const sms = account.domain.allowSmsRecovery && account.secureMobile && account.secureMobileVerifiedAt ? account.secureMobile : null;
  const email = account.domain.allowEmailRecovery && account.backupEmail && account.backupEmailVerifiedAt ? account.backupEmail : null;
  const questions = proofsNeeded === 1 && account.domain.allowQuestionRecovery && account._count.securityQuestions >= QUESTIONS_REQUIRED;
  const totp = twoStep.methods.totp;
  const recoveryCode = totp && account._count.twoStepRecoveryCodes > 0;
  return { sms, email, questions, questionsBlocked: questions && blocks.questions, totp, recoveryCode, proofsNeeded };
}

/** The methods that can give a proof now, but the one that already passed in this flow (`used`). */
export function usableProofs(methods: RecoveryMethods, used: RecoveryMethod | null = null): RecoveryMethod[] {
  const all: [RecoveryMethod, boolean][] = [
    ["SMS", Boolean(methods.sms)],
    ["EMAIL", Boolean(methods.email)],
    ["TOTP", methods.totp],
    ["RECOVERY_CODE", methods.recoveryCode],
    ["QUESTIONS", methods.questions && !methods.questionsBlocked],
  ];
  return all.filter(([m, usable]) => usable && m !== used).map(([m]) => m);
}

/** Which method sent a code to `destination`, while that method is still usable (a code outlives no change of number, address or policy). */
export function codeMethodOf(methods: RecoveryMethods, destination: string | null | undefined): "SMS" | "EMAIL" | null {
  if (!destination) return null;
  return destination === methods.sms ? "SMS" : destination === methods.email ? "EMAIL" : null;
}

/** Where a code of this method goes (a number or an address), or null when the method sends no code or cannot be used. */
export function codeDestination(methods: RecoveryMethods, method: RecoveryMethod | null): string | null {
  return method === "SMS" ? methods.sms : method === "EMAIL" ? methods.email : null;
}

/** Self-service is open when the account is active, not blocked, and has as many methods as it needs proofs. */
export function canSelfServe(account: RecoveryAccount | null, blocks: RecoveryBlocks): account is RecoveryAccount {
  if (!account || account.status !== "ACTIVE" || blocks.account) return false;
  const m = recoveryMethods(account, blocks);
  return usableProofs(m).length >= m.proofsNeeded;
}

/**
 * Self-service is still open and every method that passed (`passed`: the flow's first proof and its
 * last) is still one the account may use: a number, an address or an app removed meanwhile ends it.
 */
export function canStillUse(account: RecoveryAccount | null, blocks: RecoveryBlocks, passed: (RecoveryMethod | null)[]): boolean {
  if (!canSelfServe(account, blocks)) return false;
  const usable = usableProofs(recoveryMethods(account, blocks));
  const proofs = passed.filter((m): m is RecoveryMethod => m !== null);
  return proofs.length > 0 && proofs.every((m) => usable.includes(m));
}

/** Why an address cannot self-serve, for the audit log only (the user always gets the same answer). */
export function unavailableReason(account: RecoveryAccount | null, blocks: RecoveryBlocks): string {
  if (!account) return "unknown_address";
  if (account.status !== "ACTIVE") return "disabled";
  if (blocks.account) return "blocked";
  const m = recoveryMethods(account, blocks);
  return m.proofsNeeded === 2 && usableProofs(m).length === 1 ? "one_method_of_two" : "no_method";
}
