"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { TextField, FormErrorAlert, CurrentPasswordField } from "@/components/ui";
import { errorsOf, idle, valueOf, type FormAction } from "@/lib/form-state";
import { formKey } from "./form-key";
import type { CountryOption } from "./phone-countries";
import { SelectField } from "./select-field";

interface Props {
  action: FormAction;
  countries: CountryOption[];
  defaultCountry: string;
  submitLabel?: string;
}

/** Country + "Mobile number" + "Current password" → "Send code" (the code goes to the new number). */
export function MobileBindForm({ action, countries, defaultCountry, submitLabel = "Send code" }: Props) {
  const [state, formAction] = useActionState(action, idle);
  return (
    <form key={formKey(state)} action={formAction} className="space-y-4" noValidate>
      <FormErrorAlert state={state} />
      <div className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <SelectField
          label="Country or region"
          name="country"
          options={countries.map((c) => ({ value: c.code, label: c.label }))}
          defaultValue={valueOf(state, "country") ?? defaultCountry}
          errors={errorsOf(state, "country")}
        />
        <TextField
          label="Mobile number"
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={64}
          placeholder="e.g. 415 555 0101"
          defaultValue={valueOf(state, "phone")}
          errors={errorsOf(state, "phone")}
          hint="A number typed with its + country code overrides the country."
          required
        />
      </div>
      <CurrentPasswordField state={state} />
      <SubmitButton pendingText="Sending…">{submitLabel}</SubmitButton>
    </form>
  );
}
