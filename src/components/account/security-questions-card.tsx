import { getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/form-state";
import { Alert, Card } from "@/components/ui";
import { SecurityQuestionsForm } from "./security-questions-form";
import { StatusBadge } from "./status-badge";

interface Props {
  /** The account's questions in order: `value` as stored, `label` in the reader's language. Empty when not set. */
  questions: Array<{ value: string; label: string }>;
  action: FormAction;
  /** Already in the reader's language. */
  notice?: string;
  /** The account uses two-step logon: its questions do not reset its password (two other proofs do). */
  notForReset?: boolean;
}

/**
 * Security questions: whether they are set and which ones (never the
 * answers), and the form to set them. The form reads the "Account" and "Fields" messages.
 */
export async function SecurityQuestionsCard({ questions, action, notice, notForReset }: Props) {
  const t = await getTranslations("Account.questions");
  const current = questions.map((q) => q.value);
  return (
    <Card title={t("title")} actions={<StatusBadge on={questions.length > 0}>{questions.length ? t("set") : t("notSet")}</StatusBadge>}>
      <div className="space-y-4">
        <p className="text-sm text-slate-700">{t("intro")}</p>
        {notForReset ? <Alert kind="info">{t("notForTwoStep")}</Alert> : null}
        {questions.length ? (
          <div className="text-sm text-slate-800">
            <p className="font-medium">{t("areSet")}</p>
            <ol className="mt-2 list-decimal space-y-1 pl-6" data-testid="security-questions">
              {questions.map((q) => (
                <li key={q.value}>{q.label}</li>
              ))}
            </ol>
            <p className="mt-2 text-xs text-slate-600">{t("hashedNote")}</p>
          </div>
        ) : (
          <p className="text-sm font-medium text-slate-800">{t("none")}</p>
        )}
        {notice ? <Alert kind="success">{notice}</Alert> : null}
        <SecurityQuestionsForm action={action} current={current} disclosure={questions.length ? t("change") : undefined} />
      </div>
    </Card>
  );
}
