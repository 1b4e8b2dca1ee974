"use client";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/submit-button";
import { CommandButton } from "@/components/command-button";
import { CodeField } from "@/components/sms-code-field";
import { Alert, CurrentPasswordField, dangerButtonClass, FormErrorAlert } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, type FormAction, type FormState } from "@/lib/form-state";
import { Disclosure } from "./disclosure";
import { useFormAction } from "@/components/use-form-action";

export interface AuthenticatorAppFormsProps {
  enabled: boolean;
  /** A setup in progress: the key and its QR code (an SVG drawn on the server from the otpauth:// URI). */
  pending: { base32: string; qrSvg: string } | null;
  /** The setup form starts open (an account that must set up two-step logon). */
  startOpen?: boolean;
  /** Show only what a form returned (a session that may only log off): no form to send. */
  readOnly?: boolean;
  actions: { start: FormAction; confirm: FormAction; regenerate: FormAction; disable: FormAction; cancel: () => Promise<void> };
  /** The password asked before new codes or turning off: "Current password", or the operator's "Console password". */
  passwordLabel: string;
}

/**
 * The authenticator app's forms. Its hooks stay at one place in the tree
 * whatever the state, so the recovery codes a form returned are still shown
 * once the page around it changed (also without JavaScript).
 */
export function AuthenticatorAppForms({ enabled, pending, startOpen, readOnly, actions, passwordLabel }: AuthenticatorAppFormsProps) {
  const t = useTranslations("TwoStep.setup");
  const [startState, start] = useFormAction(actions.start);
  const [confirmState, confirm] = useFormAction(actions.confirm);
  const [regenState, regenerate] = useFormAction(actions.regenerate);
  const [disableState, disable] = useFormAction(actions.disable);
  const startRef = useFocusOnError(startState);
  const confirmRef = useFocusOnError(confirmState);
  const regenRef = useFocusOnError(regenState);
  const disableRef = useFocusOnError(disableState);
  const shown = [regenState, confirmState].find((s) => s.status === "success" && s.data?.codes);
  return (
    <div className="space-y-4">
      {shown?.status === "success" ? <RecoveryCodes state={shown} /> : null}
      {readOnly ? null : !enabled && !pending ? (
        <Disclosure summary={t("start")} open={startOpen || startState.status === "error"}>
          <form ref={startRef} action={start} className="space-y-3" noValidate>
            <p className="text-sm text-slate-700">{t("startHelp")}</p>
            <FormErrorAlert state={startState} />
            <CurrentPasswordField label={passwordLabel} state={startState} />
            <SubmitButton pendingText={t("working")}>{t("startContinue")}</SubmitButton>
          </form>
        </Disclosure>
      ) : null}
      {pending && !enabled && !readOnly ? (
        <div className="space-y-4 rounded-md border border-slate-200 p-4">
          <p className="text-sm text-slate-700">{t("scan")}</p>
          <div className="flex flex-wrap items-start gap-4">
            {/* The SVG comes from the qrcode library on the server: no user text in it. */}
            <div role="img" aria-label={t("qrAlt")} className="h-44 w-44 shrink-0" dangerouslySetInnerHTML={{ __html: pending.qrSvg }} />
            <p className="text-sm text-slate-700">
              {t("key")}:{" "}
              <code className="break-all font-mono text-slate-900" data-testid="totp-key">
                {pending.base32}
              </code>
            </p>
          </div>
          <form ref={confirmRef} action={confirm} className="space-y-3" noValidate>
            <FormErrorAlert state={confirmState} />
            <CodeField label={t("codeLabel")} errors={errorsOf(confirmState, "code")} autoFocus={false} />
            <SubmitButton pendingText={t("confirming")}>{t("confirm")}</SubmitButton>
          </form>
          <CommandButton
            action={actions.cancel}
            label={t("cancel")}
            className="text-sm font-medium text-slate-600 underline-offset-2 hover:underline"
          />
        </div>
      ) : null}
      {enabled && !readOnly ? (
        <>
          <Disclosure summary={t("regenerate")} open={regenState.status === "error"}>
            <form ref={regenRef} action={regenerate} className="space-y-3" noValidate>
              <FormErrorAlert state={regenState} />
              <CurrentPasswordField label={passwordLabel} state={regenState} />
              <SubmitButton pendingText={t("working")}>{t("regenerate")}</SubmitButton>
            </form>
          </Disclosure>
          <Disclosure summary={t("disable")} open={disableState.status === "error"}>
            <form ref={disableRef} action={disable} className="space-y-3" noValidate>
              <FormErrorAlert state={disableState} />
              <CurrentPasswordField label={passwordLabel} state={disableState} />
              <button type="submit" className={dangerButtonClass}>
                {t("disable")}
              </button>
            </form>
          </Disclosure>
        </>
      ) : null}
    </div>
  );
}

function RecoveryCodes({ state }: { state: Extract<FormState, { status: "success" }> }) {
  const t = useTranslations("TwoStep.setup");
  const codes = state.data?.codes.split("\n") ?? [];
  return (
    <div className="space-y-3">
      {state.message ? <Alert kind="success">{state.message}</Alert> : null}
      <section aria-labelledby="recovery-codes" className="rounded-md border border-amber-300 bg-amber-50 p-4">
        <h3 id="recovery-codes" className="text-sm font-semibold text-slate-900">
          {t("codesTitle")}
        </h3>
        <p className="mt-1 text-sm text-slate-700">{t("codesHelp")}</p>
        <ol className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-sm text-slate-900" data-testid="recovery-codes">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ol>
      </section>
    </div>
  );
}
