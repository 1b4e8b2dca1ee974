/** The built-in security questions an account chooses 3 of (SECURITY.md). Isomorphic. */
export const SECURITY_QUESTIONS = [
  "What was the name of your first pet?",
  "In which city were you born?",
  "What was the name of your primary school?",
  "What is your mother's maiden name?",
  "What was the make of your first car?",
  "What was your childhood nickname?",
  "What is the name of the street you grew up on?",
  "What was the name of your first employer?",
  "What is your oldest sibling's middle name?",
  "In which city did your parents meet?",
  "What was your favourite teacher's surname?",
  "What was the first concert you attended?",
] as const;

export const QUESTIONS_REQUIRED = 3;
export const ANSWER_MIN = 2;
export const ANSWER_MAX = 64;

/** NFKC, trim, collapse inner whitespace, lower-case: "  Hang   ZHOU " becomes "hang zhou". */
export function normalizeAnswer(answer: string): string {
  return answer.normalize("NFKC").trim().replace(/\s+/gu, " ").toLowerCase();
}

export interface QuestionAnswer {
  question: string;
  answer: string;
}

export type QuestionErrors = { questions?: string[]; answers: Array<string[] | undefined> };

/** Checks a set of 3 questions and answers; null when good. */
export function validateQuestionSet(items: QuestionAnswer[]): QuestionErrors | null {
  const errors: QuestionErrors = { answers: items.map(() => undefined) };
  let bad = false;
  const known = new Set<string>(SECURITY_QUESTIONS);
  if (items.length !== QUESTIONS_REQUIRED || new Set(items.map((i) => i.question)).size !== items.length) {
    errors.questions = [`Choose ${QUESTIONS_REQUIRED} different questions.`];
    bad = true;
  } else if (items.some((i) => !known.has(i.question))) {
    errors.questions = ["Choose each question from the list."];
    bad = true;
  }
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const n = normalizeAnswer(item.answer);
    const len = [...n].length;
    if (len < ANSWER_MIN || len > ANSWER_MAX) errors.answers[i] = [`Answer with ${ANSWER_MIN} to ${ANSWER_MAX} characters.`];
    else if (seen.has(n)) errors.answers[i] = ["Each answer must be different from the others."];
    seen.set(n, i);
    if (errors.answers[i]) bad = true;
  });
  return bad ? errors : null;
}
