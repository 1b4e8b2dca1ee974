import { msg, type FieldErrorRefs, type MessageRef } from "@/lib/message-ref";

/**
 * The built-in security questions an account chooses 3 of (SECURITY.md). Isomorphic.
 *
 * `text` is what SecurityQuestion.question stores and what a form sends: the
 * question's stable identity (kept as the English wording, so rows written
 * before translation stay valid without a migration). People never read it
 * from here: `id` names the question's words in the catalogs
 * ("Account.questions.presets.<id>"), in the reader's language.
 */
export const SECURITY_QUESTION_PRESETS = [
  { id: "firstPet", text: "What was the name of your first pet?" },
  { id: "birthCity", text: "In which city were you born?" },
  { id: "primarySchool", text: "What was the name of your primary school?" },
  { id: "motherMaidenName", text: "What is your mother's maiden name?" },
  { id: "firstCar", text: "What was the make of your first car?" },
  { id: "childhoodNickname", text: "What was your childhood nickname?" },
  { id: "childhoodStreet", text: "What is the name of the street you grew up on?" },
  { id: "firstEmployer", text: "What was the name of your first employer?" },
  { id: "siblingMiddleName", text: "What is your oldest sibling's middle name?" },
  { id: "parentsMet", text: "In which city did your parents meet?" },
  { id: "favouriteTeacher", text: "What was your favourite teacher's surname?" },
  { id: "firstConcert", text: "What was the first concert you attended?" },
] as const;

/** The stored values of the presets, in display order. */
export const SECURITY_QUESTIONS: readonly string[] = SECURITY_QUESTION_PRESETS.map((p) => p.text);

export const QUESTIONS_REQUIRED = 3;
export const ANSWER_MIN = 2;
export const ANSWER_MAX = 64;

/**
 * The catalog key that words a stored question in the reader's language
 * (`t(key)`), or null for text that is not one of the presets (show it as stored).
 * Every page that shows an account's questions uses it: Account Security and Forgot Password.
 */
export function securityQuestionKey(stored: string): string | null {
  const preset = SECURITY_QUESTION_PRESETS.find((p) => p.text === stored);
  return preset ? `Account.questions.presets.${preset.id}` : null;
}

/** NFKC, trim, collapse inner whitespace, lower-case: "  Hang   ZHOU " becomes "hang zhou". */
export function normalizeAnswer(answer: string): string {
  return answer.normalize("NFKC").trim().replace(/\s+/gu, " ").toLowerCase();
}

export interface QuestionAnswer {
  question: string;
  answer: string;
}

/** What is wrong with a question set, as catalog references: the set's problem, and each answer's by position. */
export type QuestionErrors = { questions?: MessageRef[]; answers: Array<MessageRef[] | undefined> };

/** Checks a set of 3 questions and answers; null when good. */
export function validateQuestionSet(items: QuestionAnswer[]): QuestionErrors | null {
  const errors: QuestionErrors = { answers: items.map(() => undefined) };
  let bad = false;
  const known = new Set<string>(SECURITY_QUESTIONS);
  if (items.length !== QUESTIONS_REQUIRED || new Set(items.map((i) => i.question)).size !== items.length) {
    errors.questions = [msg("Account.questions.errors.distinct", { count: QUESTIONS_REQUIRED })];
    bad = true;
  } else if (items.some((i) => !known.has(i.question))) {
    errors.questions = [msg("Account.questions.errors.notInList")];
    bad = true;
  }
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const n = normalizeAnswer(item.answer);
    const len = [...n].length;
    if (len < ANSWER_MIN || len > ANSWER_MAX)
      errors.answers[i] = [msg("Account.questions.errors.answerLength", { min: ANSWER_MIN, max: ANSWER_MAX })];
    else if (seen.has(n)) errors.answers[i] = [msg("Account.questions.errors.answersDiffer")];
    seen.set(n, i);
    if (errors.answers[i]) bad = true;
  });
  return bad ? errors : null;
}

/**
 * A question set's errors next to the form's fields (question1…, answer1…):
 * answers by position, the set's error on the question that breaks it
 * (a repeated one), else on the first.
 */
export function questionFieldErrors(errors: QuestionErrors, questions: string[]): FieldErrorRefs {
  const out: FieldErrorRefs = {};
  errors.answers.forEach((e, i) => {
    if (e) out[`answer${i + 1}`] = e;
  });
  if (errors.questions) {
    const culprits = questions.map((q, i) => i).filter((i) => questions.indexOf(questions[i]) !== i);
    for (const i of culprits.length ? culprits : [0]) out[`question${i + 1}`] = errors.questions;
  }
  return out;
}
