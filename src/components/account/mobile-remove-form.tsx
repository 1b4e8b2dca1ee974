"use client";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/submit-button";
import { dangerSolidButtonClass, FormErrorAlert, CurrentPasswordField } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import type { FormAction } from "@/lib/form-state";
import { Disclosure } from "./disclosure";
import { useFormAction } from "@/components/use-form-action";

/** "Remove the secure mobile": what removing means, "Current password" → "Remove". */
export function MobileRemoveForm({ action }: { action: FormAction }) {
  const t = useTranslations("Account.mobile");
  return (
    <RemoveWithPasswordForm
      action={action}
      labels={{ summary: t("remove"), warning: t("removeWarning"), submit: t("removeSubmit"), pending: t("removing") }}
    />
  );
}

/**
 * A removal in a disclosure: what it means, "Current password" → the
 * button. The password is the confirmation; no dialog, so it works without
 * JavaScript.
 */
export function RemoveWithPasswordForm({
  action,
  labels,
}: {
  action: FormAction;
  labels: { summary: string; warning?: string; submit: string; pending: string };
}) {
  const [state, formAction] = useFormAction(action);
  const formRef = useFocusOnError(state);
  return (
    <Disclosure summary={labels.summary} open={state.status === "error"}>
      {labels.warning ? <p className="mb-4 text-sm text-slate-700">{labels.warning}</p> : null}
      <form ref={formRef} action={formAction} className="space-y-4" noValidate>
        <FormErrorAlert state={state} />
        <CurrentPasswordField state={state} />
        <SubmitButton pendingText={labels.pending} className={dangerSolidButtonClass}>
          {labels.submit}
        </SubmitButton>
      </form>
    </Disclosure>
  );
}
