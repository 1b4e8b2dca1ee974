"use client";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/submit-button";
import { ActionForm } from "@/components/action-form";
import { TextField } from "@/components/ui";
import { errorsOf, type FormAction } from "@/lib/form-state";

/**
 * "Questions": the account's three questions (as the page words them), an
 * answer field each, "Next". Answers are never sent back.
 */
export function QuestionsPanel({ questions, verifyAnswers }: { questions: string[]; verifyAnswers: FormAction }) {
  const t = useTranslations("Recovery");
  return (
    <ActionForm
      action={verifyAnswers}
      className="space-y-4 border-t border-slate-200 pt-4"
      head={() => <p className="text-sm text-slate-700">{t("questions.intro")}</p>}
    >
      {(state) => (
        <>
          {questions.map((question, i) => (
            <TextField
              key={question}
              label={question}
              name={`answer${i + 1}`}
              autoComplete="off"
              maxLength={256}
              errors={errorsOf(state, `answer${i + 1}`)}
              required
            />
          ))}
          <SubmitButton pendingText={t("checking")}>{t("next")}</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
