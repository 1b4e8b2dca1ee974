"use client";
import { useTranslations } from "next-intl";
import { SendCodeForm } from "@/components/send-code-form";
import { SmsCodeField } from "@/components/sms-code-field";
import { SubmitButton } from "@/components/submit-button";
import { FormErrorAlert } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, type FormAction } from "@/lib/form-state";
import type { CodeMethod } from "@/server/recovery/send-recovery-code";
import type { CodeState } from "@/server/recovery/get-recovery-state";
import { useFormAction } from "@/components/use-form-action";

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
export function CodePanel({ method, masked, code, sendCode, verifyCode }: Props) {
  const t = useTranslations("Recovery");
  const [codeState, verify] = useFormAction(verifyCode);
  const codeRef = useFocusOnError(codeState);
  return (
    <div className="space-y-4 border-t border-slate-200 pt-4">
      {/* One code per 60 s in a flow, whichever method sent the last one. */}
      <SendCodeForm
        channel={method === "SMS" ? "sms" : "email"}
        masked={masked}
        codeSent={code.codeSent}
        resendInMs={code.resendInMs}
        action={sendCode}
        hidden={{ method }}
      />
      {code.codeSent ? (
        <form ref={codeRef} action={verify} className="space-y-4" noValidate>
          <FormErrorAlert state={codeState} />
          <SmsCodeField label={method === "EMAIL" ? t("email.codeLabel") : undefined} errors={errorsOf(codeState, "code")} />
          <SubmitButton pendingText={t("checking")}>{t("next")}</SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
