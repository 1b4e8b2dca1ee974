import "server-only";
import { validateQuestionSet, type QuestionAnswer, type QuestionErrors } from "@/lib/security-questions";
import { hashQuestionSet, writeQuestionSet } from "@/server/accounts/set-security-questions";
import { AuditAction } from "@/server/audit/audit-action";
import { now } from "@/server/clock";
import { getDb, transaction } from "@/server/db";
import { sendSecurityNotice } from "@/server/notices/security-notice";
import type { RequestMeta } from "@/server/request-meta";
import { auditSecurityChange, reauthenticate } from "./internal/account-context";

export type SaveSecurityQuestionsResult =
  { ok: true } | { ok: false; error: "invalid"; errors: QuestionErrors } | { ok: false; error: "wrong_password" };

/**
 * Sets (or replaces) the account's 3 security questions: the set is checked
 * first, then the current password; answers are normalized and hashed, then
 * written in one transaction with the audit event, which names the
 * questions and never an answer.
 */
export async function saveSecurityQuestions(input: {
  accountId: string;
  items: QuestionAnswer[];
  currentPassword: string;
  meta: RequestMeta;
}): Promise<SaveSecurityQuestionsResult> {
  const errors = validateQuestionSet(input.items);
  if (errors) return { ok: false, error: "invalid", errors };
  const account = await reauthenticate(input.accountId, input.currentPassword, { action: AuditAction.questionsSet, meta: input.meta });
  if (!account) return { ok: false, error: "wrong_password" };
  // Hash first: no transaction stays open while argon2 works.
  const hashed = await hashQuestionSet(input.items);
  if (!hashed.ok) return { ok: false, error: "invalid", errors: hashed.errors };
  const replaced = (await getDb().securityQuestion.count({ where: { accountId: account.id } })) > 0;
  await transaction(async (tx) => {
    await writeQuestionSet(tx, account.id, hashed.set);
    const detail = { questions: input.items.map((i) => i.question), replaced };
    await auditSecurityChange(account, AuditAction.questionsSet, "SUCCESS", input.meta, detail, tx);
  });
  const actor = { kind: "MAIL_ACCOUNT" as const, id: account.id, label: account.address };
  await sendSecurityNotice({ accountId: account.id, event: "questions_set", at: now(), meta: input.meta, actor });
  return { ok: true };
}
