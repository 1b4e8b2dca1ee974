import type { FormAction } from "@/lib/form-state";
import { Alert, Card } from "@/components/ui";
import { Disclosure } from "./disclosure";
import { SecurityQuestionsForm } from "./security-questions-form";
import { StatusBadge } from "./status-badge";

/** Security questions: whether they are set and which ones (never the answers), and the form to set them. */
export function SecurityQuestionsCard({ questions, action, notice }: { questions: string[]; action: FormAction; notice?: string }) {
  const form = <SecurityQuestionsForm action={action} current={questions} />;
  return (
    <Card title="Security questions" actions={<StatusBadge on={questions.length > 0}>{questions.length ? "Set" : "Not set"}</StatusBadge>}>
      <div className="space-y-4">
        <p className="text-sm text-slate-600">If you forget your password, you can answer these questions to reset it.</p>
        {questions.length ? (
          <div className="text-sm text-slate-800">
            <p className="font-medium">Your security questions are set:</p>
            <ol className="mt-2 list-decimal space-y-1 pl-6" data-testid="security-questions">
              {questions.map((q) => (
                <li key={q}>{q}</li>
              ))}
            </ol>
            <p className="mt-2 text-xs text-slate-500">Answers are stored hashed and are never shown.</p>
          </div>
        ) : (
          <p className="text-sm font-medium text-slate-800">No security questions are set.</p>
        )}
        {notice ? <Alert kind="success">{notice}</Alert> : null}
        {questions.length ? <Disclosure summary="Change security questions">{form}</Disclosure> : form}
      </div>
    </Card>
  );
}
