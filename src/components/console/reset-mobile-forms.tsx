"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { PhoneNumberFields } from "@/components/account/phone-number-fields";
import type { CountryOption } from "@/components/account/phone-countries";
import { ConsolePasswordField } from "./console-password-field";
import { SmsCodeField } from "@/components/sms-code-field";
import { SubmitButton } from "@/components/submit-button";
import { ActionForm } from "@/components/action-form";
import { buttonClass, secondaryButtonClass } from "@/components/ui";
import { errorsOf, type FormAction } from "@/lib/form-state";

/** Reset Secure Mobile, step 1: the new number (country + number) and the operator's console password. */
export function ResetMobileNumberForm(props: {
  action: FormAction;
  domainId: string;
  countries: CountryOption[];
  defaultCountry: string;
  /** The console password's hint: asked, or confirmed recently (may be left empty). */
  consolePasswordHint: string;
  cancelHref: string;
}) {
  const t = useTranslations("Console.mobile");
  const tr = useTranslations("Console.reset");
  return (
    <ActionForm action={props.action} className="space-y-5" label={t("newNumber")}>
      {(state) => (
        <>
          <input type="hidden" name="domainId" value={props.domainId} />
          <fieldset className="space-y-4">
            <legend className="text-sm font-semibold text-slate-800">{t("newNumber")}</legend>
            <PhoneNumberFields
              state={state}
              countries={props.countries}
              defaultCountry={props.defaultCountry}
              labels={{ country: t("country"), phone: t("phone"), hint: t("phoneHint") }}
              autoComplete="off"
            />
          </fieldset>
          <ConsolePasswordField
            state={state}
            label={tr("consolePassword")}
            hint={state.status === "error" && state.flags?.reauthenticated ? tr("hintConfirmedNow") : props.consolePasswordHint}
          />
          <div className="flex flex-wrap items-center gap-3 pt-1">
            <SubmitButton pendingText={t("sending")} className={buttonClass}>
              {t("sendCode")}
            </SubmitButton>
            <Link href={props.cancelHref} className={secondaryButtonClass}>
              {t("cancel")}
            </Link>
          </div>
        </>
      )}
    </ActionForm>
  );
}

/** Reset Secure Mobile, step 2: the code the new number received → Submit (提交). */
export function ResetMobileCodeForm(props: { action: FormAction; domainId: string }) {
  const t = useTranslations("Console.mobile");
  return (
    <ActionForm action={props.action} className="space-y-4">
      {(state) => (
        <>
          <input type="hidden" name="domainId" value={props.domainId} />
          <div className="max-w-xs">
            <SmsCodeField errors={errorsOf(state, "code")} />
            <p className="mt-1 text-xs text-slate-500">{t("codeHint")}</p>
          </div>
          <SubmitButton pendingText={t("submitting")} className={buttonClass}>
            {t("submit")}
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
