"use client";
import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui";
import { errorsOf, valueOf, type FormAction } from "@/lib/form-state";
import { ANSWER_MAX, ANSWER_MIN, QUESTIONS_REQUIRED, SECURITY_QUESTION_PRESETS } from "@/lib/security-questions";
import { SelectField } from "@/components/select-field";
import { PasswordConfirmedForm } from "./password-confirmed-form";

const POSITIONS = Array.from({ length: QUESTIONS_REQUIRED }, (_, i) => i + 1);

interface Props {
  action: FormAction;
  /** The stored questions (preselected), in order. */
  current: string[];
  /** Inside a disclosure with this summary ("Change security questions"), opened while the form shows an error. */
  disclosure?: string;
}

/**
 * Three different questions from the built-in list, an answer each, and the
 * current password. Each option sends the question's stored value and shows
 * its words in the reader's language.
 */
export function SecurityQuestionsForm({ action, current, disclosure }: Props) {
  const t = useTranslations("Account.questions");
  const options = SECURITY_QUESTION_PRESETS.map((p) => ({ value: p.text, label: t(`presets.${p.id}`) }));
  return (
    <PasswordConfirmedForm action={action} disclosure={disclosure} remount className="space-y-5" submit={t("save")} pending={t("saving")}>
      {(state) => (
        <>
          {POSITIONS.map((n) => (
            <fieldset key={n} className="grid gap-3 sm:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
              <legend className="sr-only">{t("legend", { n })}</legend>
              <SelectField
                label={t("question", { n })}
                name={`question${n}`}
                options={options}
                placeholder={t("placeholder")}
                defaultValue={valueOf(state, `question${n}`) ?? current[n - 1] ?? ""}
                errors={errorsOf(state, `question${n}`)}
                required
              />
              <TextField
                label={t("answer", { n })}
                name={`answer${n}`}
                autoComplete="off"
                maxLength={ANSWER_MAX * 2}
                errors={errorsOf(state, `answer${n}`)}
                required
              />
            </fieldset>
          ))}
          <p className="text-xs text-slate-600">{t("answerHint", { min: ANSWER_MIN, max: ANSWER_MAX })}</p>
        </>
      )}
    </PasswordConfirmedForm>
  );
}
