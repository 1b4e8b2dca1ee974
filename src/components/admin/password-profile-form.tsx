"use client";
// Security > Password Policy: the profile (the article's, NIST SP 800-63B-4,
// Custom) and the custom settings. Without JavaScript every field is there
// and the server ignores the custom ones unless Custom is chosen; with it, the
// custom settings appear only while Custom is ticked.
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { ActionForm } from "@/components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { useHydrated } from "@/components/use-countdown";
import { Alert, OnOffCheckbox, TextField, inputClass, LabelledField } from "@/components/ui";
import { errorsOf, valueOf, type FormAction, type FormState } from "@/lib/form-state";
import {
  CUSTOM_BOUNDS,
  NIST_SINGLE_FACTOR_MIN,
  NIST_WITH_SECOND_FACTOR_MIN,
  PASSWORD_PROFILES,
  type CustomPolicySettings,
  type PasswordProfile,
} from "@/lib/password-policy";

const hint = (chunks: ReactNode) => <span className="text-slate-600">{chunks}</span>;

function outcome(state: FormState) {
  if (state.status === "success" && state.message) return <Alert kind="success">{state.message}</Alert>;
  if (state.status === "error" && state.formError) return <Alert kind="error">{state.formError}</Alert>;
  return null;
}

export function PasswordProfileForm({
  action,
  profile,
  custom,
}: {
  action: FormAction;
  profile: PasswordProfile;
  custom: CustomPolicySettings;
}) {
  return (
    <ActionForm action={action} className="space-y-5" alert={outcome}>
      {/* React resets a form after its action: the fields are drawn anew (their defaults what was saved, or
          what a refused attempt sent), so the profile ticked is never a stale one. */}
      {(state) => (
        <ProfileFields
          key={`${profile}:${JSON.stringify(custom)}:${state.status === "error" ? state.attempt : "saved"}`}
          state={state}
          profile={profile}
          custom={custom}
        />
      )}
    </ActionForm>
  );
}

function ProfileFields({ state, profile, custom }: { state: FormState; profile: PasswordProfile; custom: CustomPolicySettings }) {
  const t = useTranslations("Admin.policy");
  const live = useHydrated();
  const sent = valueOf(state, "profile");
  const [chosen, setChosen] = useState<PasswordProfile>(PASSWORD_PROFILES.find((p) => p === sent) ?? profile);
  const [unicode, setUnicode] = useState(
    valueOf(state, "allowUnicode") ? valueOf(state, "allowUnicode") === "on" : custom.characters === "unicode",
  );
  const field = (name: keyof typeof CUSTOM_BOUNDS, current: number | null) => ({
    name,
    defaultValue: valueOf(state, name) ?? (current === null ? "" : String(current)),
    errors: errorsOf(state, name),
    inputMode: "numeric" as const,
    maxLength: 4,
  });
  return (
    <>
      <fieldset>
        <legend className="sr-only">{t("profileLegend")}</legend>
        <div className="space-y-3">
          {PASSWORD_PROFILES.map((p) => (
            <label
              key={p}
              className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50/40"
            >
              <input
                type="radio"
                name="profile"
                value={p}
                defaultChecked={chosen === p}
                onChange={() => setChosen(p)}
                className="mt-1 h-4 w-4 shrink-0 border-slate-300 text-blue-700 focus:ring-blue-600/30"
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">
                  {t(`profiles.${p}.name`)}
                  {p === profile ? <span className="ml-2 text-xs font-normal text-slate-600"> {t("current")}</span> : null}
                </span>
                <span className="block text-sm text-slate-600">
                  {t(`profiles.${p}.summary`, { single: NIST_SINGLE_FACTOR_MIN, multi: NIST_WITH_SECOND_FACTOR_MIN })}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {/* Without JavaScript the settings always show (the server reads them only with Custom chosen). */}
      <fieldset className={!live || chosen === "custom" ? "" : "hidden"} data-custom-settings>
        <legend className="text-sm font-semibold text-slate-900">{t("customLegend")}</legend>
        <p className="mb-3 text-xs text-slate-600">{t("customHelp")}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("custom.minLength")} {...field("minLength", custom.minLength)} />
          <TextField label={t("custom.maxLength")} {...field("maxLength", custom.maxLength)} />
          <ClassesSelect state={state} current={custom.classesRequired} />
          <TextField label={t("custom.historyDepth")} {...field("historyDepth", custom.historyDepth)} />
          <TextField label={t("custom.expiryDays")} hint={t("custom.expiryHint")} {...field("expiryDays", custom.expiryDays)} />
        </div>
        <div className="mt-4">
          <OnOffCheckbox name="allowUnicode" checked={unicode} onChange={setUnicode} label={t.rich("custom.allowUnicode", { hint })} />
        </div>
      </fieldset>

      <SubmitButton pendingText={t("saving")}>{t("saveProfile")}</SubmitButton>
    </>
  );
}

function ClassesSelect({ state, current }: { state: FormState; current: number }) {
  const t = useTranslations("Admin.policy");
  const errors = errorsOf(state, "classesRequired");
  const id = "custom-classes";
  const { min, max } = CUSTOM_BOUNDS.classesRequired;
  return (
    <LabelledField id={id} label={t("custom.classesRequired")} errors={errors}>
      <select
        id={id}
        name="classesRequired"
        defaultValue={valueOf(state, "classesRequired") ?? String(current)}
        className={inputClass}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-err` : undefined}
      >
        {Array.from({ length: max - min + 1 }, (_, i) => min + i).map((n) => (
          <option key={n} value={n}>
            {t("custom.classesOption", { count: n })}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}
