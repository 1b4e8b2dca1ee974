"use client";
import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";
import { FormErrorAlert, secondaryButtonClass } from "@/components/ui";
import { useCountdown, useHydrated } from "@/components/use-countdown";
import { useFocusOnError } from "@/components/use-focus-on-error";
import type { FormAction } from "@/lib/form-state";
import { SMS_CODE } from "@/lib/sms-code";
import { MINUTE, SECOND } from "@/lib/time";
import { useFormAction } from "@/components/use-form-action";

export interface SendCodeFormProps {
  /** How the code travels: the words differ ("We sent…" / "We emailed…"). */
  channel: "sms" | "email";
  /** Where it goes, masked. */
  masked: string;
  codeSent: boolean;
  /** Time until a new code may be sent, from the server's clock. */
  resendInMs: number;
  action: FormAction;
  /** Extra fields the action needs (the method of the Forgot Password wizard). */
  hidden?: Record<string, string>;
}

/**
 * "Send code", then "Resend code" after 60 seconds (Forgot Password, the
 * second logon step). With JavaScript the wait counts down and the button
 * stays disabled until it ends; without, the rule is stated and an early
 * resend is answered by the server ("Wait 23 seconds, …").
 */
export function SendCodeForm({ channel, masked, codeSent, resendInMs, action, hidden }: SendCodeFormProps) {
  const t = useTranslations("Recovery");
  const [state, send] = useFormAction(action);
  const ref = useFocusOnError(state);
  const secondsLeft = useCountdown(resendInMs);
  const live = useHydrated();
  const waiting = live && secondsLeft > 0;
  return (
    <form ref={ref} action={send} className="space-y-3">
      <p className="text-sm text-slate-700" role="status">
        {codeSent
          ? t(`${channel}.sent`, { to: masked, minutes: SMS_CODE.ttlMs / MINUTE })
          : t(`${channel}.willSend`, { to: masked, digits: SMS_CODE.digits })}
      </p>
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormErrorAlert state={state} />
      <div className="flex flex-wrap items-center gap-3">
        <SendButton waiting={waiting} pendingText={t("sms.sending")}>
          {codeSent ? t("sms.resend") : t("sms.send")}
        </SendButton>
        {codeSent && !live ? (
          <span className="text-sm text-slate-600">{t("sms.resendRule", { seconds: SMS_CODE.resendAfterMs / SECOND })}</span>
        ) : waiting ? (
          <span className="text-sm text-slate-600">{t("sms.resendIn", { seconds: secondsLeft })}</span>
        ) : null}
      </div>
    </form>
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
