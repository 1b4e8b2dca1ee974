import { useId } from "react";
import { inputClass, LabelledField } from "@/components/ui";

interface SelectFieldProps {
  label: string;
  name: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  /** A first, empty choice ("Choose a question"). */
  placeholder?: string;
  defaultValue?: string;
  errors?: string[];
  required?: boolean;
  className?: string;
}

/** A labelled <select> that shows its errors like TextField. */
export function SelectField({ label, name, options, placeholder, defaultValue, errors, required, className }: SelectFieldProps) {
  const id = useId();
  return (
    <LabelledField id={id} label={label} errors={errors} className={className}>
      <select
        id={id}
        name={name}
        className={inputClass}
        defaultValue={defaultValue ?? ""}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-err` : undefined}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}
