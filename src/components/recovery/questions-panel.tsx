"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { TextField, FormErrorAlert } from "@/components/ui";
import { errorsOf, idle, type FormAction } from "@/lib/form-state";

/** "Questions": the account's three questions, an answer field each, "Next". Answers are never sent back. */
export function QuestionsPanel({ questions, verifyAnswers }: { questions: string[]; verifyAnswers: FormAction }) {
  const [state, formAction] = useActionState(verifyAnswers, idle);
  return (
    <form action={formAction} className="space-y-4 border-t border-slate-200 pt-4" noValidate>
      <p className="text-sm text-slate-700">Answer your security questions. Answers are not case-sensitive.</p>
      <FormErrorAlert state={state} />
      {questions.map((question, i) => (
        <TextField
          key={question}
          label={question}
          name={`answer${i + 1}`}
          autoComplete="off"
          maxLength={256}
          errors={errorsOf(state, `answer${i + 1}`)}
          required
          autoFocus={i === 0}
        />
      ))}
      <SubmitButton pendingText="Checking…">Next</SubmitButton>
    </form>
  );
}
