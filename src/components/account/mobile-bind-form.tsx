"use client";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/submit-button";
import { FormErrorAlert, CurrentPasswordField } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import type { FormAction } from "@/lib/form-state";
import { MaybeDisclosure } from "./disclosure";
import { formKey } from "./form-key";
import type { CountryOption } from "./phone-countries";
import { PhoneNumberFields } from "./phone-number-fields";
import { useFormAction } from "@/components/use-form-action";

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
  const [state, formAction] = useFormAction(action);
  const formRef = useFocusOnError(state);
  const form = (
    <form ref={formRef} key={formKey(state)} action={formAction} className="space-y-4" noValidate>
      <FormErrorAlert state={state} />
      <PhoneNumberFields
        state={state}
        countries={countries}
        defaultCountry={defaultCountry}
        labels={{ country: t("country"), phone: t("phone"), hint: t("phoneHint"), placeholder: t("phonePlaceholder") }}
      />
      <CurrentPasswordField state={state} />
      <SubmitButton pendingText={t("sending")}>{t("sendCode")}</SubmitButton>
    </form>
  );
  return (
    <MaybeDisclosure summary={disclosure} open={state.status === "error"}>
      {form}
    </MaybeDisclosure>
  );
}
