"use client";
import { useActionState, useState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert, FieldErrors, inputClass, labelClass, secondaryButtonClass, OnOffCheckbox } from "@/components/ui";
import { errorsOf, idle, valueOf, type FormState, type FormAction } from "@/lib/form-state";

function Outcome({ state }: { state: FormState }) {
  if (state.status === "success" && state.message) return <Alert kind="success">{state.message}</Alert>;
  if (state.status === "error" && state.formError) return <Alert kind="error">{state.formError}</Alert>;
  return null;
}

/** Adds one weak-password keyword; the server's validation message shows under the field. */
export function KeywordAddForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, idle);
  const errors = errorsOf(state, "keyword");
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <Outcome state={state} />
      <div className="flex items-end gap-3">
        <div className="w-72">
          <label htmlFor="new-keyword" className={labelClass}>
            New keyword
          </label>
          <input
            key={state.status === "error" ? state.attempt : "fresh"}
            id="new-keyword"
            name="keyword"
            maxLength={64}
            autoComplete="off"
            defaultValue={valueOf(state, "keyword")}
            className={inputClass}
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={errors?.length ? "new-keyword-err" : undefined}
          />
        </div>
        <SubmitButton className={secondaryButtonClass} pendingText="Adding…">
          Add
        </SubmitButton>
      </div>
      <FieldErrors id="new-keyword-err" errors={errors} />
    </form>
  );
}

/** The domain's self-service methods (SMS verification, security questions). */
export function RecoverySettingsForm({
  action,
  allowSmsRecovery,
  allowQuestionRecovery,
}: { action: FormAction } & Record<"allowSmsRecovery" | "allowQuestionRecovery", boolean>) {
  const [state, formAction] = useActionState(action, idle);
  const [sms, setSms] = useState(allowSmsRecovery);
  const [questions, setQuestions] = useState(allowQuestionRecovery);
  return (
    <form action={formAction} className="space-y-3">
      <Outcome state={state} />
      <OnOffCheckbox
        name="allowSmsRecovery"
        checked={sms}
        onChange={setSms}
        label={
          <>
            Allow SMS verification <span className="text-slate-500">— a code sent to the secure mobile</span>
          </>
        }
      />
      <OnOffCheckbox
        name="allowQuestionRecovery"
        checked={questions}
        onChange={setQuestions}
        label={
          <>
            Allow security questions <span className="text-slate-500">— all three answers</span>
          </>
        }
      />
      {!sms && !questions ? (
        <Alert kind="warning">With both turned off, employees can only ask you to reset a forgotten password.</Alert>
      ) : null}
      <SubmitButton pendingText="Saving…">Save</SubmitButton>
    </form>
  );
}
