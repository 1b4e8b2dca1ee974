"use server";
import { z } from "zod";
import { currentPasswordField } from "@/lib/fields";
import { fieldErrors, goTo } from "@/lib/form-state";
import { messageKey } from "@/lib/message-ref";
import { questionFieldErrors } from "@/lib/security-questions";
import { saveSecurityQuestions } from "@/server/account-security/save-security-questions";
import { createAction } from "@/web/actions/create-action";
import { translateFieldErrors } from "@/web/i18n";
import { refusalState } from "@/web/refusals";
import { ACCOUNT_REFUSALS } from "./refusals";
import { signedIn } from "./signed-in";

/** Account Security > Security questions (components/account/security-questions-card.tsx). */

const QUESTION_REQUIRED = messageKey("Account.questions.errors.questionRequired");
const ANSWER_REQUIRED = messageKey("Account.questions.errors.answerRequired");
const question = z
  .string({ error: QUESTION_REQUIRED })
  .min(1, QUESTION_REQUIRED)
  .max(200, messageKey("Account.questions.errors.questionFromList"));
// The length rule itself is the domain's (validateQuestionSet); this only caps what is read.
const answer = z.string({ error: ANSWER_REQUIRED }).max(1024, messageKey("Account.questions.errors.answerTooLong"));
const questionsSchema = z.object({
  question1: question,
  answer1: answer,
  question2: question,
  answer2: answer,
  question3: question,
  answer3: answer,
  ...currentPasswordField,
});

export const saveSecurityQuestionsAction = createAction({
  name: "questions.set",
  guard: signedIn,
  schema: questionsSchema,
  run: async (data, { user, meta, t }) => {
    const questions = [data.question1, data.question2, data.question3];
    const answers = [data.answer1, data.answer2, data.answer3];
    const items = questions.map((q, i) => ({ question: q, answer: answers[i] }));
    const r = await saveSecurityQuestions({ accountId: user.id, items, currentPassword: data.currentPassword, meta });
    if (r.ok) return goTo("/account?done=questions-saved");
    const values = { question1: data.question1, question2: data.question2, question3: data.question3 };
    if (r.error === "invalid") return fieldErrors(translateFieldErrors(t, questionFieldErrors(r.errors, questions)), values);
    return refusalState(t, ACCOUNT_REFUSALS.questions, r, values);
  },
});
