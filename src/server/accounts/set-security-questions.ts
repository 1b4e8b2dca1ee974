import "server-only";
import { normalizeAnswer, validateQuestionSet, type QuestionAnswer, type QuestionErrors } from "@/lib/security-questions";
import { now } from "@/server/clock";
import { getDb, type Tx } from "@/server/db";
import { newId } from "@/server/ids";
import { hashSecret } from "@/server/security/password-hash";

export type SetQuestionsResult = { ok: true } | { ok: false; errors: QuestionErrors };

/**
 * Replaces an account's security questions. Answers are normalized and hashed
 * with argon2id like passwords; the write is all-or-nothing, and runs in the
 * caller's transaction when given one (so it can be audited with it).
 */
export async function setSecurityQuestions(accountId: string, items: QuestionAnswer[], tx?: Tx): Promise<SetQuestionsResult> {
  const errors = validateQuestionSet(items);
  if (errors) return { ok: false, errors };
  const hashes = await Promise.all(items.map((i) => hashSecret(normalizeAnswer(i.answer))));
  const at = now();
  const write = async (t: Tx) => {
    await t.securityQuestion.deleteMany({ where: { accountId } });
    await t.securityQuestion.createMany({
      data: items.map((item, i) => ({
        id: newId(),
        accountId,
        position: i + 1,
        question: item.question,
        answerHash: hashes[i],
        createdAt: at,
      })),
    });
  };
  if (tx) await write(tx);
  else await getDb().$transaction(write);
  return { ok: true };
}
