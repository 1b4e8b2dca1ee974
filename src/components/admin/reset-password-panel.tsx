"use client";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, type MouseEvent } from "react";
import { PasswordFields } from "@/components/password-fields";
import { SubmitButton } from "@/components/submit-button";
import { buttonClass, secondaryButtonClass, FormErrorAlert, OnOffCheckbox } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, type FormAction } from "@/lib/form-state";
import { useFormAction } from "@/components/use-form-action";
import type { PasswordPolicyView } from "@/lib/password-policy";

interface Props {
  action: FormAction;
  accountId: string;
  address: string;
  policy: PasswordPolicyView;
  disabled: boolean;
  /** This Edit Account page's path: "Reset Password" and "Cancel" are GET forms to it, so they work without JavaScript. */
  pagePath: string;
  /** Open from the start (the page was asked with ?reset=1, i.e. "Reset Password" without JavaScript). */
  initiallyOpen?: boolean;
}

/**
 * "Reset Password" on the Edit Account page opens the form in place: Password,
 * Confirm Password (live checklist with the domain's keywords and this
 * account's address), Generate password, "Require password change at next
 * logon" (on by default) and Save. Errors come back next to their fields.
 *
 * Without JavaScript, "Reset Password" loads this page with ?reset=1 and
 * "Cancel" loads it without; with JavaScript both just show or hide the form.
 * A refused Save (with or without JavaScript) shows the form open, with its errors.
 */
export function ResetPasswordPanel({ action, accountId, address, policy, disabled, pagePath, initiallyOpen = false }: Props) {
  const t = useTranslations("Admin");
  const [state, formAction] = useFormAction(action);
  const [open, setOpen] = useState(() => initiallyOpen || state.status === "error");
  const [mustChange, setMustChange] = useState(true);
  const formRef = useFocusOnError(state);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const cancelFormId = `${useId()}-cancel`;

  function show(e: MouseEvent) {
    e.preventDefault();
    setOpen(true);
    // After the form appears, move to its heading (a new step of the page).
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  function hide(e: MouseEvent) {
    e.preventDefault();
    setOpen(false);
    // Back to the button that opened the form, rather than the top of the page.
    requestAnimationFrame(() => openRef.current?.focus());
  }

  if (!open) {
    return (
      <form method="get" action={pagePath}>
        <input type="hidden" name="reset" value="1" />
        <button ref={openRef} type="submit" className={buttonClass} onClick={show}>
          {t("reset.open")}
        </button>
      </form>
    );
  }
  return (
    <>
      <form
        ref={formRef}
        action={formAction}
        className="max-w-lg space-y-4 border-t border-slate-200 pt-4"
        noValidate
        aria-labelledby="reset-password-title"
      >
        <h3 id="reset-password-title" ref={headingRef} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
          {t("reset.heading")}
        </h3>
        <p className="text-sm text-slate-600">
          {t.rich("reset.intro", { address, mono: (chunks) => <span className="break-all font-mono">{chunks}</span> })}
          {disabled ? ` ${t("reset.staysDisabled")}` : ""}
        </p>
        <FormErrorAlert state={state} />
        <input type="hidden" name="accountId" value={accountId} />
        <PasswordFields
          email={address}
          policy={policy}
          passwordLabel={t("reset.password")}
          confirmLabel={t("reset.confirmPassword")}
          allowGenerate
          errors={{ password: errorsOf(state, "password"), confirmPassword: errorsOf(state, "confirmPassword") }}
        />
        <OnOffCheckbox name="mustChangePassword" checked={mustChange} onChange={setMustChange} label={t("reset.mustChange")} />
        <div className="flex flex-wrap items-center gap-3 pt-2">
          <SubmitButton pendingText={t("reset.saving")}>{t("reset.save")}</SubmitButton>
          {/* Belongs to the empty GET form below (forms cannot nest): without JavaScript it reloads the page closed. */}
          <button type="submit" form={cancelFormId} className={secondaryButtonClass} onClick={hide}>
            {t("reset.cancel")}
          </button>
        </div>
      </form>
      <form id={cancelFormId} method="get" action={pagePath} hidden />
    </>
  );
}
