"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { FormErrorAlert } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { idle, type FormAction } from "@/lib/form-state";

/** What "This wasn't me" does, then the one button (a plain form: it works without JavaScript). */
export function NotMeForm({ action, token }: { action: FormAction; token: string }) {
  const t = useTranslations("NotMe");
  const [state, formAction] = useActionState(action, idle);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} action={formAction} className="space-y-4" noValidate>
      <FormErrorAlert state={state} />
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>{t("will.sessions")}</li>
        <li>{t("will.trust")}</li>
        <li>{t("will.password")}</li>
        <li>{t("will.recovery")}</li>
        <li>{t("will.admin")}</li>
      </ul>
      <input type="hidden" name="token" value={token} />
      <SubmitButton className="w-full" pendingText={t("securing")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
