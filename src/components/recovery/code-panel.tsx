"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { SmsCodeField } from "@/components/sms-code-field";
import { SubmitButton } from "@/components/submit-button";
import { FormErrorAlert, secondaryButtonClass } from "@/components/ui";
import { useCountdown, useHydrated } from "@/components/use-countdown";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { idle, errorsOf, type FormAction } from "@/lib/form-state";
import { SMS_CODE } from "@/lib/sms-code";
import { MINUTE, SECOND } from "@/lib/time";
import type { CodeMethod } from "@/server/recovery/send-recovery-code";
import type { CodeState } from "@/server/recovery/get-recovery-state";

interface Props {
  /** SMS to the secure mobile, or EMAIL to the backup address. */
  method: CodeMethod;
  /** Where the code goes, masked. */
  masked: string;
  /** The flow's code; `codeSent` only when it went by this method. */
  code: CodeState;
  sendCode: FormAction;
  verifyCode: FormAction;
}

/**
 * "Send code", then "Resend code" after 60 seconds, the field "SMS
 * verification code" (or "Email verification code") and "Next". With
 * JavaScript the wait counts down and the button stays disabled until it
 * ends; without, the rule is stated and an early resend is answered by the
 * server ("Wait 23 seconds, …"). A flow has one code at a time: sending by
 * the other method voids this one.
 */
export function CodePanel({ method, masked, code: sms, sendCode, verifyCode }: Props) {
  const t = useTranslations("Recovery");
  const channel = method === "SMS" ? "sms" : "email";
  const [sendState, send] = useActionState(sendCode, idle);
  const [codeState, verify] = useActionState(verifyCode, idle);
  const sendRef = useFocusOnError(sendState);
  const codeRef = useFocusOnError(codeState);
  const secondsLeft = useCountdown(sms.resendInMs);
  const live = useHydrated();
  // One code per 60 s in a flow, whichever method sent the last one.
  const waiting = live && secondsLeft > 0;
  return (
    <div className="space-y-4 border-t border-slate-200 pt-4">
      <form ref={sendRef} action={send} className="space-y-3">
        <p className="text-sm text-slate-700" role="status">
          {sms.codeSent
            ? t(`${channel}.sent`, { to: masked, minutes: SMS_CODE.ttlMs / MINUTE })
            : t(`${channel}.willSend`, { to: masked, digits: SMS_CODE.digits })}
        </p>
        <input type="hidden" name="method" value={method} />
        <FormErrorAlert state={sendState} />
        <div className="flex flex-wrap items-center gap-3">
          <SendButton waiting={waiting} pendingText={t("sms.sending")}>
            {sms.codeSent ? t("sms.resend") : t("sms.send")}
          </SendButton>
          {sms.codeSent && !live ? (
            <span className="text-sm text-slate-600">{t("sms.resendRule", { seconds: SMS_CODE.resendAfterMs / SECOND })}</span>
          ) : waiting ? (
            <span className="text-sm text-slate-600">{t("sms.resendIn", { seconds: secondsLeft })}</span>
          ) : null}
        </div>
      </form>
      {sms.codeSent ? (
        <form ref={codeRef} action={verify} className="space-y-4" noValidate>
          <FormErrorAlert state={codeState} />
          <SmsCodeField label={method === "EMAIL" ? t("email.codeLabel") : undefined} errors={errorsOf(codeState, "code")} />
          <SubmitButton pendingText={t("checking")}>{t("next")}</SubmitButton>
        </form>
      ) : null}
    </div>
  );
}

function SendButton({ waiting, pendingText, children }: { waiting: boolean; pendingText: string; children: string }) {
  const { pending } = useFormStatus();
  const disabled = waiting || pending;
  return (
    <button
      type="submit"
      disabled={disabled}
      aria-disabled={disabled}
      className={`${secondaryButtonClass} disabled:cursor-not-allowed disabled:opacity-60`}
    >
      {pending ? pendingText : children}
    </button>
  );
}
