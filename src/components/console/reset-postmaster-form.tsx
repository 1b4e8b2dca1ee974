"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { PasswordFields } from "@/components/password-fields";
import { SubmitButton } from "@/components/submit-button";
import { Alert, buttonClass, secondaryButtonClass, FormErrorAlert, OnOffCheckbox } from "@/components/ui";
import { ConsolePasswordField } from "./console-password-field";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, type FormAction } from "@/lib/form-state";
import { useFormAction } from "@/components/use-form-action";
import type { PasswordPolicyView } from "@/lib/password-policy";

interface Props {
  action: FormAction;
  domainId: string;
  postmasterAddress: string;
  policy: PasswordPolicyView;
  /** Minutes left of the last console-password confirmation (0: none or expired), when the page was drawn. */
  reauthMinutesLeft: number;
  cancelHref: string;
}

/** Scenario 3, step 4: the new postmaster password, the operator's console password, Submit (提交). */
export function ResetPostmasterForm({ action, domainId, postmasterAddress, policy, reauthMinutesLeft, cancelHref }: Props) {
  const t = useTranslations("Console.reset");
  const [state, formAction] = useFormAction(action);
  const formRef = useFocusOnError(state);
  // Controlled, so a failed Submit (which resets the form) keeps the operator's choice; without
  // JavaScript the page is drawn again from the action's flags.
  const [mustChange, setMustChange] = useState(state.status === "error" && !!state.flags?.mustChangePassword);
  const confirmedNow = state.status === "error" && state.flags?.reauthenticated;
  const hint = confirmedNow
    ? t("hintConfirmedNow")
    : reauthMinutesLeft > 0
      ? t("hintConfirmedRecently", { minutes: reauthMinutesLeft })
      : t("hintAsk");
  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormErrorAlert state={state} />
      {state.status === "error" && !state.formError ? <Alert kind="error">{t("nothingChanged")}</Alert> : null}
      <input type="hidden" name="domainId" value={domainId} />
      <div>
        <p className="text-sm font-medium text-slate-700">{t("postmasterAccount")}</p>
        <p className="mt-1 break-all rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900">
          {postmasterAddress}
        </p>
      </div>
      <PasswordFields
        email={postmasterAddress}
        policy={policy}
        errors={{ password: errorsOf(state, "password"), confirmPassword: errorsOf(state, "confirmPassword") }}
      />
      <OnOffCheckbox
        name="mustChangePassword"
        checked={mustChange}
        onChange={setMustChange}
        label={t("mustChange")}
        hint={t("mustChangeHint")}
        accentClass="accent-orange-700"
      />
      <ConsolePasswordField state={state} label={t("consolePassword")} hint={hint} />
      <div className="flex flex-wrap items-center gap-3 pt-1">
        <SubmitButton pendingText={t("submitting")} className={buttonClass}>
          {t("submit")}
        </SubmitButton>
        <Link href={cancelHref} className={secondaryButtonClass}>
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}
