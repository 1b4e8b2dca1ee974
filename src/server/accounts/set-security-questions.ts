import "server-only";
import { normalizeAnswer, validateQuestionSet, type QuestionAnswer, type QuestionErrors } from "@/lib/security-questions";
import { now } from "@/server/clock";
import { transaction, type Tx } from "@/server/db";
import { newId } from "@/server/ids";
import { hashSecret } from "@/server/security/password-hash";

export type SetQuestionsResult = { ok: true } | { ok: false; errors: QuestionErrors };

/** A checked question set with its answers normalized and hashed (argon2id), ready to write. */
export interface HashedQuestionSet {
  items: Array<{ question: string; answerHash: string }>;
}

/**
 * Checks the set and hashes its answers. Hashing is the slow part (and may
 * meet a busy queue), so it happens before any transaction is opened.
 */
export async function hashQuestionSet(
  items: QuestionAnswer[],
): Promise<{ ok: true; set: HashedQuestionSet } | { ok: false; errors: QuestionErrors }> {
  const errors = validateQuestionSet(items);
  if (errors) return { ok: false, errors };
  const hashes = await Promise.all(items.map((i) => hashSecret(normalizeAnswer(i.answer))));
  return { ok: true, set: { items: items.map((item, i) => ({ question: item.question, answerHash: hashes[i] })) } };
}

/** Replaces the account's questions with a hashed set, inside the caller's transaction. */
export async function writeQuestionSet(tx: Tx, accountId: string, set: HashedQuestionSet): Promise<void> {
  const at = now();
  await tx.securityQuestion.deleteMany({ where: { accountId } });
  await tx.securityQuestion.createMany({
    data: set.items.map((item, i) => ({
      id: newId(),
      accountId,
      position: i + 1,
      question: item.question,
      answerHash: item.answerHash,
      createdAt: at,
    })),
  });
}

/** Replaces an account's security questions (seed data, fixtures): hash, then one transaction. */
export async function setSecurityQuestions(accountId: string, items: QuestionAnswer[]): Promise<SetQuestionsResult> {
  const hashed = await hashQuestionSet(items);
  if (!hashed.ok) return hashed;
  await transaction((tx) => writeQuestionSet(tx, accountId, hashed.set));
  return { ok: true };
}
