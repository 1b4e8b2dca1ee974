"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { dangerSolidButtonClass, FormErrorAlert, CurrentPasswordField } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { idle, type FormAction } from "@/lib/form-state";
import { Disclosure } from "./disclosure";

/**
 * "Remove the secure mobile" (a disclosure): what removing means, "Current
 * password" → "Remove". The password is the confirmation; no dialog, so it
 * works without JavaScript.
 */
export function MobileRemoveForm({ action }: { action: FormAction }) {
  const t = useTranslations("Account.mobile");
  const [state, formAction] = useActionState(action, idle);
  const formRef = useFocusOnError(state);
  return (
    <Disclosure summary={t("remove")} open={state.status === "error"}>
      <p className="mb-4 text-sm text-slate-700">{t("removeWarning")}</p>
      <form ref={formRef} action={formAction} className="space-y-4" noValidate>
        <FormErrorAlert state={state} />
        <CurrentPasswordField state={state} />
        <SubmitButton pendingText={t("removing")} className={dangerSolidButtonClass}>
          {t("removeSubmit")}
        </SubmitButton>
      </form>
    </Disclosure>
  );
}
