"use client";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/lib/form-state";
import type { CountryOption } from "./phone-countries";
import { PhoneNumberFields } from "./phone-number-fields";
import { PasswordConfirmedForm } from "./password-confirmed-form";

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
  return (
    <PasswordConfirmedForm action={action} disclosure={disclosure} remount submit={t("sendCode")} pending={t("sending")}>
      {(state) => (
        <PhoneNumberFields
          state={state}
          countries={countries}
          defaultCountry={defaultCountry}
          labels={{ country: t("country"), phone: t("phone"), hint: t("phoneHint"), placeholder: t("phonePlaceholder") }}
        />
      )}
    </PasswordConfirmedForm>
  );
}
