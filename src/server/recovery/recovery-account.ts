import "server-only";
import type { RecoveryMethod } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import { QUESTIONS_REQUIRED } from "@/lib/security-questions";
import { getDb, type Tx } from "@/server/db";
import { peekLimit } from "@/server/security/rate-limit";

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
  domain: { select: { allowSmsRecovery: true, allowQuestionRecovery: true, allowEmailRecovery: true, weakPasswordKeywords: true } },
  _count: { select: { securityQuestions: true } },
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
  /** The account has its 3 questions and the domain allows them. */
  questions: boolean;
  questionsBlocked: boolean;
}

export function recoveryMethods(account: RecoveryAccount, blocks: RecoveryBlocks): RecoveryMethods {
  const sms = account.domain.allowSmsRecovery && account.secureMobile && account.secureMobileVerifiedAt ? account.secureMobile : null;
  const email = account.domain.allowEmailRecovery && account.backupEmail && account.backupEmailVerifiedAt ? account.backupEmail : null;
  const questions = account.domain.allowQuestionRecovery && account._count.securityQuestions >= QUESTIONS_REQUIRED;
  return { sms, email, questions, questionsBlocked: questions && blocks.questions };
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

/** Self-service is open when the account is active, not blocked, and has a method it may use now. */
export function canSelfServe(account: RecoveryAccount | null, blocks: RecoveryBlocks): account is RecoveryAccount {
  if (!account || account.status !== "ACTIVE" || blocks.account) return false;
  const m = recoveryMethods(account, blocks);
  return Boolean(m.sms) || Boolean(m.email) || (m.questions && !m.questionsBlocked);
}

/** Self-service is still open and the method that passed step 2 is still one the account may use. */
export function canStillUse(account: RecoveryAccount | null, blocks: RecoveryBlocks, method: RecoveryMethod | null): boolean {
  if (!canSelfServe(account, blocks)) return false;
  const m = recoveryMethods(account, blocks);
  return method === "QUESTIONS" ? m.questions && !m.questionsBlocked : Boolean(codeDestination(m, method));
}

/** Why an address cannot self-serve, for the audit log only (the user always gets the same answer). */
export function unavailableReason(account: RecoveryAccount | null, blocks: RecoveryBlocks): string {
  if (!account) return "unknown_address";
  if (account.status !== "ACTIVE") return "disabled";
  if (blocks.account) return "blocked";
  return "no_method";
}
