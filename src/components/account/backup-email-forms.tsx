"use client";
import { useTranslations } from "next-intl";
import { SmsCodeField } from "@/components/sms-code-field";
import { SubmitButton } from "@/components/submit-button";
import { CurrentPasswordField, FormErrorAlert, secondaryButtonClass, TextField } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, valueOf, type FormAction } from "@/lib/form-state";
import { MaybeDisclosure } from "./disclosure";
import { RemoveWithPasswordForm } from "./mobile-remove-form";
import { useFormAction } from "@/components/use-form-action";

/** "Backup email address" + "Current password" → "Send code" (the code goes to that address). */
export function BackupEmailBindForm({ action, disclosure }: { action: FormAction; disclosure?: string }) {
  const t = useTranslations("Account.backupEmail");
  const [state, formAction] = useFormAction(action);
  const formRef = useFocusOnError(state);
  const form = (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormErrorAlert state={state} />
      <TextField
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        maxLength={254}
        defaultValue={valueOf(state, "email")}
        errors={errorsOf(state, "email")}
        hint={t("emailHint")}
        required
      />
      <CurrentPasswordField state={state} />
      <SubmitButton pendingText={t("sending")}>{t("sendCode")}</SubmitButton>
    </form>
  );
  return (
    <MaybeDisclosure summary={disclosure} open={state.status === "error"}>
      {form}
    </MaybeDisclosure>
  );
}

/** "Email verification code" → "Verify"; "Cancel" drops the pending address. */
export function BackupEmailVerifyForm({ verifyAction, cancelAction }: { verifyAction: FormAction; cancelAction: () => Promise<void> }) {
  const t = useTranslations("Account.backupEmail");
  const [state, verify] = useFormAction(verifyAction);
  const formRef = useFocusOnError(state);
  return (
    <div className="space-y-3">
      <form ref={formRef} action={verify} className="flex flex-wrap items-start gap-3" noValidate>
        <FormErrorAlert state={state} />
        <div className="w-full max-w-xs">
          <SmsCodeField label={t("code")} errors={errorsOf(state, "code")} />
        </div>
        <div className="sm:pt-6">
          <SubmitButton pendingText={t("verifying")}>{t("verify")}</SubmitButton>
        </div>
      </form>
      <form action={cancelAction}>
        <button type="submit" className={secondaryButtonClass}>
          {t("cancel")}
        </button>
      </form>
    </div>
  );
}

/** "Remove backup email address": "Current password" → "Remove". */
export function BackupEmailRemoveForm({ action }: { action: FormAction }) {
  const t = useTranslations("Account.backupEmail");
  return <RemoveWithPasswordForm action={action} labels={{ summary: t("remove"), submit: t("removeSubmit"), pending: t("removing") }} />;
}
