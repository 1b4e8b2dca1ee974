"use client";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/submit-button";
import { SelectField } from "@/components/select-field";
import { FormErrorAlert, TextField } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import type { FormAction } from "@/lib/form-state";
import { useFormAction } from "@/components/use-form-action";

/**
 * Edit Account > Account details: the display name and the department, with
 * their own Save (named "Save account details", apart from Reset Password's Save).
 */
export function AccountDetailsForm({
  action,
  accountId,
  displayName,
  departmentId,
  departments,
}: {
  action: FormAction;
  accountId: string;
  displayName: string;
  departmentId: string | null;
  departments: Array<{ id: string; name: string; depth: number }>;
}) {
  const t = useTranslations("Admin");
  const [state, formAction] = useFormAction(action);
  const formRef = useFocusOnError(state);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = (state.status === "error" ? state.values : undefined) ?? {};
  return (
    <form ref={formRef} action={formAction} className="space-y-4" aria-label={t("account.detailsCard")}>
      <FormErrorAlert state={state} />
      <input type="hidden" name="accountId" value={accountId} />
      <TextField
        label={t("account.name")}
        name="displayName"
        defaultValue={values.displayName ?? displayName}
        maxLength={64}
        required
        autoComplete="off"
        errors={errors.displayName}
      />
      <SelectField
        label={t("account.department")}
        name="departmentId"
        placeholder={t("account.noDepartment")}
        options={departments.map((d) => ({ value: d.id, label: `${"\u00a0\u00a0".repeat(d.depth)}${d.name}` }))}
        defaultValue={values.departmentId ?? departmentId ?? ""}
        errors={errors.departmentId}
      />
      <SubmitButton pendingText={t("account.savingDetails")}>{t("account.saveDetails")}</SubmitButton>
    </form>
  );
}
