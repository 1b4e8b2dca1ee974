"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/submit-button";
import { FieldErrors, inputClass, labelClass, linkClass, FormErrorAlert } from "@/components/ui";
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
  const prefix = id ? "edit" : "new";
  const nameErrors = errorsOf(state, "name");
  const parentErrors = errorsOf(state, "parentId");
  // A new key after each refused attempt re-applies the sent values (React resets a form after its action).
  const attempt = state.status === "error" ? state.attempt : 0;
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormErrorAlert state={state} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <div>
        <label htmlFor={`${prefix}-name`} className={labelClass}>
          {t("departments.form.name")}
        </label>
        <input
          key={`${prefix}-name-${attempt}`}
          id={`${prefix}-name`}
          name="name"
          maxLength={64}
          required
          className={inputClass}
          defaultValue={valueOf(state, "name") ?? name ?? ""}
          aria-invalid={nameErrors?.length ? true : undefined}
          aria-describedby={nameErrors?.length ? `${prefix}-name-err` : undefined}
        />
        <FieldErrors id={`${prefix}-name-err`} errors={nameErrors} />
      </div>
      <div>
        <label htmlFor={`${prefix}-parent`} className={labelClass}>
          {t("departments.form.parent")}
        </label>
        <select
          key={`${prefix}-parent-${attempt}`}
          id={`${prefix}-parent`}
          name="parentId"
          className={inputClass}
          defaultValue={valueOf(state, "parentId") ?? parentId ?? ""}
          aria-invalid={parentErrors?.length ? true : undefined}
          aria-describedby={parentErrors?.length ? `${prefix}-parent-err` : undefined}
        >
          <option value="">{t("departments.form.topLevel")}</option>
          {parents.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <FieldErrors id={`${prefix}-parent-err`} errors={parentErrors} />
      </div>
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
