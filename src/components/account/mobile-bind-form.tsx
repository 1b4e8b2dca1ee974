"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { TextField, FormErrorAlert, CurrentPasswordField } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, idle, valueOf, type FormAction } from "@/lib/form-state";
import { Disclosure } from "./disclosure";
import { formKey } from "./form-key";
import type { CountryOption } from "./phone-countries";
import { SelectField } from "./select-field";

interface Props {
  action: FormAction;
  countries: CountryOption[];
  defaultCountry: string;
  /** Inside a disclosure with this summary ("Change number"), opened while the form shows an error. */
  disclosure?: string;
}

/** Country + "Mobile number" + "Current password" → "Send code" (the code goes to the new number). */
export function MobileBindForm({ action, countries, defaultCountry, disclosure }: Props) {
  const t = useTranslations("Account.mobile");
  const [state, formAction] = useActionState(action, idle);
  const formRef = useFocusOnError(state);
  const form = (
    <form ref={formRef} key={formKey(state)} action={formAction} className="space-y-4" noValidate>
      <FormErrorAlert state={state} />
      <div className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <SelectField
          label={t("country")}
          name="country"
          options={countries.map((c) => ({ value: c.code, label: c.label }))}
          defaultValue={valueOf(state, "country") ?? defaultCountry}
          errors={errorsOf(state, "country")}
        />
        <TextField
          label={t("phone")}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={64}
          placeholder={t("phonePlaceholder")}
          defaultValue={valueOf(state, "phone")}
          errors={errorsOf(state, "phone")}
          hint={t("phoneHint")}
          required
        />
      </div>
      <CurrentPasswordField state={state} />
      <SubmitButton pendingText={t("sending")}>{t("sendCode")}</SubmitButton>
    </form>
  );
  return disclosure ? (
    <Disclosure summary={disclosure} open={state.status === "error"}>
      {form}
    </Disclosure>
  ) : (
    form
  );
}
