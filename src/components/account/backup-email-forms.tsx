"use client";
import { useTranslations } from "next-intl";
import { SmsCodeField } from "@/components/sms-code-field";
import { SubmitButton } from "@/components/submit-button";
import { CommandButton } from "@/components/command-button";
import { FormErrorAlert, TextField } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, valueOf, type FormAction } from "@/lib/form-state";
import { RemoveWithPasswordForm } from "./mobile-remove-form";
import { PasswordConfirmedForm } from "./password-confirmed-form";
import { useFormAction } from "@/components/use-form-action";

/** "Backup email address" + "Current password" → "Send code" (the code goes to that address). */
export function BackupEmailBindForm({ action, disclosure }: { action: FormAction; disclosure?: string }) {
  const t = useTranslations("Account.backupEmail");
  return (
    <PasswordConfirmedForm action={action} disclosure={disclosure} submit={t("sendCode")} pending={t("sending")}>
      {(state) => (
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
      )}
    </PasswordConfirmedForm>
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
      <CommandButton action={cancelAction} label={t("cancel")} />
    </div>
  );
}

/** "Remove backup email address": "Current password" → "Remove". */
export function BackupEmailRemoveForm({ action }: { action: FormAction }) {
  const t = useTranslations("Account.backupEmail");
  return <RemoveWithPasswordForm action={action} labels={{ summary: t("remove"), submit: t("removeSubmit"), pending: t("removing") }} />;
}
