"use client";
import { useTranslations } from "next-intl";
import { Disclosure } from "@/components/account/disclosure";
import { SendCodeForm } from "@/components/send-code-form";
import { SmsCodeField } from "@/components/sms-code-field";
import { SubmitButton } from "@/components/submit-button";
import { FormErrorAlert, TextField } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, type FormAction, type FormState } from "@/lib/form-state";
import { useFormAction } from "@/components/use-form-action";

export interface SecondStepProps {
  methods: { sms: { masked: string } | null; totp: boolean };
  codeSent: boolean;
  resendInMs: number;
  actions: { sendCode: FormAction; verify: FormAction };
}

/**
 * The second step of a logon: a code from the authenticator app, an SMS
 * code to the secure mobile, or a recovery code; each a plain form (no
 * JavaScript needed), each with "Trust this browser for 30 days".
 */
export function SecondStepForms({ methods, codeSent, resendInMs, actions }: SecondStepProps) {
  const t = useTranslations("TwoStep");
  return (
    <div className="space-y-6">
      {methods.totp ? (
        <section aria-labelledby="two-step-app" className="space-y-3">
          <h2 id="two-step-app" className="text-base font-semibold text-slate-900">
            {t("app.heading")}
          </h2>
          <VerifyForm method="TOTP" action={actions.verify} label={t("app.codeLabel")} numeric />
        </section>
      ) : null}
      {methods.sms ? (
        <section aria-labelledby="two-step-sms" className="space-y-3 border-t border-slate-200 pt-4 first:border-0 first:pt-0">
          <h2 id="two-step-sms" className="text-base font-semibold text-slate-900">
            {t("sms.heading")}
          </h2>
          <SendCodeForm channel="sms" masked={methods.sms.masked} codeSent={codeSent} resendInMs={resendInMs} action={actions.sendCode} />
          {codeSent ? <VerifyForm method="SMS" action={actions.verify} /> : null}
        </section>
      ) : null}
      {methods.totp ? <RecoveryCodeSection action={actions.verify} /> : null}
    </div>
  );
}

/** "Use a recovery code", opened again when its form comes back with an error (also without JavaScript). */
function RecoveryCodeSection({ action }: { action: FormAction }) {
  const t = useTranslations("TwoStep");
  const [state, verify] = useFormAction(action);
  return (
    <Disclosure summary={t("recovery.summary")} open={state.status === "error"}>
      <p className="mb-3 text-sm text-slate-600">{t("recovery.help")}</p>
      <VerifyFields method="RECOVERY_CODE" state={state} dispatch={verify} label={t("recovery.codeLabel")} />
    </Disclosure>
  );
}

function VerifyForm({ method, action, label, numeric }: { method: string; action: FormAction; label?: string; numeric?: boolean }) {
  const [state, verify] = useFormAction(action);
  return <VerifyFields method={method} state={state} dispatch={verify} label={label} numeric={numeric} />;
}

function VerifyFields(props: { method: string; state: FormState; dispatch: (f: FormData) => void; label?: string; numeric?: boolean }) {
  const { method, state } = props;
  const t = useTranslations("TwoStep");
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} action={props.dispatch} className="space-y-3" noValidate>
      <input type="hidden" name="method" value={method} />
      <FormErrorAlert state={state} />
      {method === "SMS" ? (
        <SmsCodeField errors={errorsOf(state, "code")} />
      ) : (
        <TextField
          label={props.label ?? ""}
          name="code"
          inputMode={props.numeric ? "numeric" : "text"}
          autoComplete="one-time-code"
          maxLength={32}
          errors={errorsOf(state, "code")}
          required
        />
      )}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="trust" value="on" className="h-4 w-4 rounded border-slate-300 text-blue-700" />
        {t("trust")}
      </label>
      <SubmitButton pendingText={t("verifying")} busy={state.status === "redirect"}>
        {t("verify")}
      </SubmitButton>
    </form>
  );
}
