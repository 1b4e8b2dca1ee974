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
  domain: { select: { allowSmsRecovery: true, allowQuestionRecovery: true, weakPasswordKeywords: true } },
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
  /** The account has its 3 questions and the domain allows them. */
  questions: boolean;
  questionsBlocked: boolean;
}

export function recoveryMethods(account: RecoveryAccount, blocks: RecoveryBlocks): RecoveryMethods {
  const sms = account.domain.allowSmsRecovery && account.secureMobile && account.secureMobileVerifiedAt ? account.secureMobile : null;
  const questions = account.domain.allowQuestionRecovery && account._count.securityQuestions >= QUESTIONS_REQUIRED;
  return { sms, questions, questionsBlocked: questions && blocks.questions };
}

/** Self-service is open when the account is active, not blocked, and has a method it may use now. */
export function canSelfServe(account: RecoveryAccount | null, blocks: RecoveryBlocks): account is RecoveryAccount {
  if (!account || account.status !== "ACTIVE" || blocks.account) return false;
  const m = recoveryMethods(account, blocks);
  return Boolean(m.sms) || (m.questions && !m.questionsBlocked);
}

/** Self-service is still open and the method that passed step 2 is still one the account may use. */
export function canStillUse(account: RecoveryAccount | null, blocks: RecoveryBlocks, method: RecoveryMethod | null): boolean {
  if (!canSelfServe(account, blocks)) return false;
  const m = recoveryMethods(account, blocks);
  return method === "SMS" ? Boolean(m.sms) : method === "QUESTIONS" ? m.questions && !m.questionsBlocked : false;
}

/** Why an address cannot self-serve, for the audit log only (the user always gets the same answer). */
export function unavailableReason(account: RecoveryAccount | null, blocks: RecoveryBlocks): string {
  if (!account) return "unknown_address";
  if (account.status !== "ACTIVE") return "disabled";
  if (blocks.account) return "blocked";
  return "no_method";
}
