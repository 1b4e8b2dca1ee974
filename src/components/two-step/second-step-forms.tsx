"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Disclosure } from "@/components/account/disclosure";
import { SmsCodeField } from "@/components/sms-code-field";
import { SubmitButton } from "@/components/submit-button";
import { FormErrorAlert, secondaryButtonClass, TextField } from "@/components/ui";
import { useCountdown, useHydrated } from "@/components/use-countdown";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, idle, type FormAction, type FormState } from "@/lib/form-state";
import { SMS_CODE } from "@/lib/sms-code";
import { MINUTE, SECOND } from "@/lib/time";

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
          <SendCodeForm masked={methods.sms.masked} codeSent={codeSent} resendInMs={resendInMs} action={actions.sendCode} />
          {codeSent ? <VerifyForm method="SMS" action={actions.verify} /> : null}
        </section>
      ) : null}
      {methods.totp ? <RecoveryCodeSection action={actions.verify} /> : null}
    </div>
  );
}

function SendCodeForm({
  masked,
  codeSent,
  resendInMs,
  action,
}: {
  masked: string;
  codeSent: boolean;
  resendInMs: number;
  action: FormAction;
}) {
  const tr = useTranslations("Recovery");
  const [state, send] = useActionState(action, idle);
  const ref = useFocusOnError(state);
  const secondsLeft = useCountdown(resendInMs);
  const live = useHydrated();
  const waiting = live && codeSent && secondsLeft > 0;
  return (
    <form ref={ref} action={send} className="space-y-3">
      <p className="text-sm text-slate-700" role="status">
        {codeSent
          ? tr("sms.sent", { to: masked, minutes: SMS_CODE.ttlMs / MINUTE })
          : tr("sms.willSend", { to: masked, digits: SMS_CODE.digits })}
      </p>
      <FormErrorAlert state={state} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={waiting} aria-disabled={waiting} className={`${secondaryButtonClass} disabled:opacity-60`}>
          {codeSent ? tr("sms.resend") : tr("sms.send")}
        </button>
        {codeSent && !live ? (
          <span className="text-sm text-slate-600">{tr("sms.resendRule", { seconds: SMS_CODE.resendAfterMs / SECOND })}</span>
        ) : waiting ? (
          <span className="text-sm text-slate-600">{tr("sms.resendIn", { seconds: secondsLeft })}</span>
        ) : null}
      </div>
    </form>
  );
}

/** "Use a recovery code", opened again when its form comes back with an error (also without JavaScript). */
function RecoveryCodeSection({ action }: { action: FormAction }) {
  const t = useTranslations("TwoStep");
  const [state, verify] = useActionState(action, idle);
  return (
    <Disclosure summary={t("recovery.summary")} open={state.status === "error"}>
      <p className="mb-3 text-sm text-slate-600">{t("recovery.help")}</p>
      <VerifyFields method="RECOVERY_CODE" state={state} dispatch={verify} label={t("recovery.codeLabel")} />
    </Disclosure>
  );
}

function VerifyForm({ method, action, label, numeric }: { method: string; action: FormAction; label?: string; numeric?: boolean }) {
  const [state, verify] = useActionState(action, idle);
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
      <SubmitButton pendingText={t("verifying")}>{t("verify")}</SubmitButton>
    </form>
  );
}
