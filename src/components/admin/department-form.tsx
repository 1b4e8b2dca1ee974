"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/submit-button";
import { SelectField } from "@/components/select-field";
import { FormErrorAlert, linkClass, TextField } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, valueOf, type FormAction } from "@/lib/form-state";
import { useFormAction } from "@/components/use-form-action";

interface Props {
  action: FormAction;
  /** Present when editing (rename / move); absent when creating. */
  id?: string;
  name?: string;
  parentId?: string | null;
  parents: { id: string; label: string }[];
  submitLabel: string;
  cancelHref?: string;
}

/** Name + parent department: creates, renames or moves a department. */
export function DepartmentForm({ action, id, name, parentId, parents, submitLabel, cancelHref }: Props) {
  const t = useTranslations("Admin");
  const [state, formAction] = useFormAction(action);
  const formRef = useFocusOnError(state);
  // A new key after each refused attempt re-applies the sent values (React resets a form after its action).
  const attempt = state.status === "error" ? state.attempt : 0;
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormErrorAlert state={state} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <TextField
        key={`name-${attempt}`}
        label={t("departments.form.name")}
        name="name"
        maxLength={64}
        required
        defaultValue={valueOf(state, "name") ?? name ?? ""}
        errors={errorsOf(state, "name")}
      />
      <SelectField
        key={`parent-${attempt}`}
        label={t("departments.form.parent")}
        name="parentId"
        placeholder={t("departments.form.topLevel")}
        options={parents.map((p) => ({ value: p.id, label: p.label }))}
        defaultValue={valueOf(state, "parentId") ?? parentId ?? ""}
        errors={errorsOf(state, "parentId")}
      />
      <div className="flex items-center gap-3">
        <SubmitButton pendingText={t("departments.form.saving")}>{submitLabel}</SubmitButton>
        {cancelHref ? (
          <Link href={cancelHref} className={`text-sm ${linkClass}`}>
            {t("departments.form.cancel")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
