"use client";
import { useActionState } from "react";
import { useCountdown } from "@/components/use-countdown";
import { useFormStatus } from "react-dom";
import { SubmitButton } from "@/components/submit-button";
import { Alert, secondaryButtonClass } from "@/components/ui";
import { errorsOf, idle, type FormAction } from "@/lib/form-state";
import type { SmsState } from "@/server/recovery/get-recovery-state";
import { SmsCodeField } from "@/components/sms-code-field";

interface Props {
  maskedPhone: string;
  sms: SmsState;
  sendCode: FormAction;
  verifyCode: FormAction;
}

/** "Send code", then a 60-second countdown before "Resend code", the field "SMS verification code" and "Next". */
export function SmsCodePanel({ maskedPhone, sms, sendCode, verifyCode }: Props) {
  const [sendState, send] = useActionState(sendCode, idle);
  const [codeState, verify] = useActionState(verifyCode, idle);
  const secondsLeft = useCountdown(sms.resendInMs);
  return (
    <div className="space-y-4 border-t border-slate-200 pt-4">
      <form action={send} className="space-y-3">
        <p className="text-sm text-slate-700" role="status">
          {sms.codeSent
            ? `We sent a verification code to ${maskedPhone}. It expires in 5 minutes.`
            : `We will send a 6-digit code to ${maskedPhone}.`}
        </p>
        {sendState.status === "error" && sendState.formError ? <Alert kind="error">{sendState.formError}</Alert> : null}
        <div className="flex flex-wrap items-center gap-3">
          <SendButton waiting={secondsLeft > 0}>{sms.codeSent ? "Resend code" : "Send code"}</SendButton>
          {sms.codeSent && secondsLeft > 0 ? (
            <span className="text-sm text-slate-600">You can resend the code in {secondsLeft} s.</span>
          ) : null}
        </div>
      </form>
      {sms.codeSent ? (
        <form action={verify} className="space-y-4" noValidate>
          {codeState.status === "error" && codeState.formError ? <Alert kind="error">{codeState.formError}</Alert> : null}
          <SmsCodeField errors={errorsOf(codeState, "code")} />
          <SubmitButton pendingText="Checking…">Next</SubmitButton>
        </form>
      ) : null}
    </div>
  );
}

function SendButton({ waiting, children }: { waiting: boolean; children: string }) {
  const { pending } = useFormStatus();
  const disabled = waiting || pending;
  return (
    <button
      type="submit"
      disabled={disabled}
      aria-disabled={disabled}
      className={`${secondaryButtonClass} disabled:cursor-not-allowed disabled:opacity-60`}
    >
      {pending ? "Sending…" : children}
    </button>
  );
}
