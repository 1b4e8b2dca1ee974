"use client";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/submit-button";
import { ActionForm } from "@/components/action-form";
import { TextField } from "@/components/ui";
import { errorsOf, type FormAction } from "@/lib/form-state";

/**
 * A proof by the account's authenticator app: the code it shows now, or one
 * of the recovery codes saved when it was set up; "Next". The method rides
 * in a hidden field (the form works without JavaScript).
 */
export function AppCodePanel({ method, verify }: { method: "TOTP" | "RECOVERY_CODE"; verify: FormAction }) {
  const t = useTranslations("Recovery");
  return (
    <ActionForm
      action={verify}
      className="space-y-4 border-t border-slate-200 pt-4"
      head={() => <input type="hidden" name="method" value={method} />}
    >
      {(state) => (
        <>
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
        </>
      )}
    </ActionForm>
  );
}
