"use client";
import { TextField } from "@/components/ui";
import { errorsOf, valueOf, type FormState } from "@/lib/form-state";
import type { CountryOption } from "./phone-countries";
import { SelectField } from "@/components/select-field";

/** Country + mobile number, as binding a number asks them (Account Security, the console's Reset Secure Mobile). */
export function PhoneNumberFields(props: {
  state: FormState;
  countries: CountryOption[];
  defaultCountry: string;
  labels: { country: string; phone: string; hint: string; placeholder?: string };
  autoComplete?: string;
}) {
  const { state, labels } = props;
  return (
    <div className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <SelectField
        label={labels.country}
        name="country"
        options={props.countries.map((c) => ({ value: c.code, label: c.label }))}
        defaultValue={valueOf(state, "country") ?? props.defaultCountry}
        errors={errorsOf(state, "country")}
      />
      <TextField
        label={labels.phone}
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete={props.autoComplete ?? "tel"}
        maxLength={64}
        placeholder={labels.placeholder}
        defaultValue={valueOf(state, "phone")}
        errors={errorsOf(state, "phone")}
        hint={labels.hint}
        required
      />
    </div>
  );
}
