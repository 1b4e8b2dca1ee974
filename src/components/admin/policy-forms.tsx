"use client";
import { useTranslations } from "next-intl";
import { Fragment, useState, type ReactNode } from "react";
import { ActionForm } from "@/components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { Alert, FieldErrors, inputClass, labelClass, secondaryButtonClass, OnOffCheckbox } from "@/components/ui";
import { errorsOf, valueOf, type FormState, type FormAction } from "@/lib/form-state";

/** A policy form says a success above its fields too, not only a refusal. */
function outcome(state: FormState) {
  if (state.status === "success" && state.message) return <Alert kind="success">{state.message}</Alert>;
  if (state.status === "error" && state.formError) return <Alert kind="error">{state.formError}</Alert>;
  return null;
}

const hint = (chunks: ReactNode) => <span className="text-slate-600">{chunks}</span>;

/**
 * The settings' forms: checkboxes only, which the browser has nothing to check in. React resets a form
 * after its action, so the boxes are drawn anew from what was saved (`saved` changes with it): a box
 * never shows a value the server no longer has.
 */
function SettingsForm({ action, saved, children }: { action: FormAction; saved: string; children: () => ReactNode }) {
  return (
    <ActionForm action={action} className="space-y-3" alert={outcome} noValidate={false}>
      {() => <Fragment key={saved}>{children()}</Fragment>}
    </ActionForm>
  );
}

/** Adds one weak-password keyword; the server's validation message shows under the field. */
export function KeywordAddForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} className="space-y-3" alert={outcome}>
      {(state) => <KeywordField state={state} />}
    </ActionForm>
  );
}

function KeywordField({ state }: { state: FormState }) {
  const t = useTranslations("Admin");
  const errors = errorsOf(state, "keyword");
  return (
    <>
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-full sm:w-72">
          <label htmlFor="new-keyword" className={labelClass}>
            {t("policy.newKeyword")}
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
        <SubmitButton className={secondaryButtonClass} pendingText={t("policy.adding")}>
          {t("policy.add")}
        </SubmitButton>
      </div>
      <FieldErrors id="new-keyword-err" errors={errors} />
    </>
  );
}

type RecoverySettings = Record<
  "allowSmsRecovery" | "allowQuestionRecovery" | "allowEmailRecovery" | "notifyPostmasterOfSelfServiceResets",
  boolean
>;

/** The domain's self-service methods (SMS verification, security questions, backup email). */
export function RecoverySettingsForm({ action, ...saved }: { action: FormAction } & RecoverySettings) {
  return (
    <SettingsForm action={action} saved={JSON.stringify(saved)}>
      {() => <RecoveryFields {...saved} />}
    </SettingsForm>
  );
}

function RecoveryFields(saved: RecoverySettings) {
  const t = useTranslations("Admin");
  const [sms, setSms] = useState(saved.allowSmsRecovery);
  const [questions, setQuestions] = useState(saved.allowQuestionRecovery);
  const [email, setEmail] = useState(saved.allowEmailRecovery);
  const [notify, setNotify] = useState(saved.notifyPostmasterOfSelfServiceResets);
  return (
    <>
      <OnOffCheckbox name="allowSmsRecovery" checked={sms} onChange={setSms} label={t.rich("policy.allowSms", { hint })} />
      <OnOffCheckbox
        name="allowQuestionRecovery"
        checked={questions}
        onChange={setQuestions}
        label={t.rich("policy.allowQuestions", { hint })}
      />
      <OnOffCheckbox name="allowEmailRecovery" checked={email} onChange={setEmail} label={t.rich("policy.allowEmail", { hint })} />
      {!sms && !questions && !email ? <Alert kind="warning">{t("policy.bothOff")}</Alert> : null}
      <OnOffCheckbox
        name="notifyPostmasterOfSelfServiceResets"
        checked={notify}
        onChange={setNotify}
        label={t.rich("policy.notifyPostmaster", { hint })}
      />
      <SubmitButton pendingText={t("policy.saving")}>{t("policy.save")}</SubmitButton>
    </>
  );
}

/** "Require two-step logon for employees" (postmasters always have it). */
export function TwoStepPolicyForm({ action, requireTwoStepForEmployees }: { action: FormAction; requireTwoStepForEmployees: boolean }) {
  return (
    <SettingsForm action={action} saved={String(requireTwoStepForEmployees)}>
      {() => <TwoStepField saved={requireTwoStepForEmployees} />}
    </SettingsForm>
  );
}

function TwoStepField({ saved }: { saved: boolean }) {
  const t = useTranslations("Admin");
  const [on, setOn] = useState(saved);
  return (
    <>
      <OnOffCheckbox name="requireTwoStepForEmployees" checked={on} onChange={setOn} label={t.rich("policy.requireTwoStep", { hint })} />
      <SubmitButton pendingText={t("policy.saving")}>{t("policy.saveTwoStep")}</SubmitButton>
    </>
  );
}
