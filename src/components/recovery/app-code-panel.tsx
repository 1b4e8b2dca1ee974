"use client";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/submit-button";
import { FormErrorAlert, TextField } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, type FormAction } from "@/lib/form-state";
import { useFormAction } from "@/components/use-form-action";

/**
 * A proof by the account's authenticator app: the code it shows now, or one
 * of the recovery codes saved when it was set up; "Next". The method rides
 * in a hidden field (the form works without JavaScript).
 */
export function AppCodePanel({ method, verify }: { method: "TOTP" | "RECOVERY_CODE"; verify: FormAction }) {
  const t = useTranslations("Recovery");
  const [state, formAction] = useFormAction(verify);
  const formRef = useFocusOnError(state);
  return (
    <form ref={formRef} action={formAction} className="space-y-4 border-t border-slate-200 pt-4" noValidate>
      <input type="hidden" name="method" value={method} />
      <FormErrorAlert state={state} />
      <TextField
        label={method === "TOTP" ? t("app.totpLabel") : t("app.recoveryCodeLabel")}
        name="code"
        inputMode={method === "TOTP" ? "numeric" : "text"}
        autoComplete={method === "TOTP" ? "one-time-code" : "off"}
        maxLength={32}
        errors={errorsOf(state, "code")}
        required
        autoFocus
      />
      <SubmitButton pendingText={t("checking")}>{t("next")}</SubmitButton>
    </form>
  );
}
