"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { TextField, FormErrorAlert, CurrentPasswordField } from "@/components/ui";
import { errorsOf, idle, valueOf, type FormAction } from "@/lib/form-state";
import { formKey } from "./form-key";
import { ANSWER_MAX, ANSWER_MIN, QUESTIONS_REQUIRED, SECURITY_QUESTIONS } from "@/lib/security-questions";
import { SelectField } from "./select-field";

const OPTIONS = SECURITY_QUESTIONS.map((q) => ({ value: q, label: q }));
const POSITIONS = Array.from({ length: QUESTIONS_REQUIRED }, (_, i) => i + 1);

/** Three different questions from the built-in list, an answer each, and the current password. */
export function SecurityQuestionsForm({ action, current }: { action: FormAction; current: string[] }) {
  const [state, formAction] = useActionState(action, idle);
  return (
    <form key={formKey(state)} action={formAction} className="space-y-5" noValidate>
      <FormErrorAlert state={state} />
      {POSITIONS.map((n) => (
        <fieldset key={n} className="grid gap-3 sm:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <legend className="sr-only">Question {n}</legend>
          <SelectField
            label={`Security question ${n}`}
            name={`question${n}`}
            options={OPTIONS}
            placeholder="Choose a question"
            defaultValue={valueOf(state, `question${n}`) ?? current[n - 1] ?? ""}
            errors={errorsOf(state, `question${n}`)}
            required
          />
          <TextField
            label={`Answer ${n}`}
            name={`answer${n}`}
            autoComplete="off"
            maxLength={ANSWER_MAX * 2}
            errors={errorsOf(state, `answer${n}`)}
            required
          />
        </fieldset>
      ))}
      <p className="text-xs text-slate-500">
        Answers have {ANSWER_MIN} to {ANSWER_MAX} characters and must differ from each other. Capitals and extra spaces do not matter.
      </p>
      <CurrentPasswordField state={state} />
      <SubmitButton pendingText="Saving…">Save questions</SubmitButton>
    </form>
  );
}
