"use client";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/submit-button";
import { SmsCodeField } from "@/components/sms-code-field";
import { CommandButton } from "@/components/command-button";
import { Alert } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { errorsOf, type FormAction } from "@/lib/form-state";
import { SMS_CODE } from "@/lib/sms-code";
import { ResendCodeButton } from "./resend-code-button";
import { useFormAction } from "@/components/use-form-action";

interface Props {
  verifyAction: FormAction;
  resendAction: FormAction;
  cancelAction: () => Promise<void>;
  /** Whether a code can be entered now (else only a new one can be sent). */
  codeActive: boolean;
  canResend: boolean;
  resendWaitMs: number;
}

/** "SMS verification code" + "Verify"; "Send a new code" after 60 s; "Cancel" drops the pending number. */
export function MobileVerifyForm({ verifyAction, resendAction, cancelAction, codeActive, canResend, resendWaitMs }: Props) {
  const t = useTranslations("Account.mobile");
  const [state, verify] = useFormAction(verifyAction);
  const [resendState, resend] = useFormAction(resendAction);
  // Both forms' errors are shown in this block: after a refusal, focus goes to the field or the alert.
  const verifyRef = useFocusOnError<HTMLDivElement>(state);
  const resendRef = useFocusOnError<HTMLDivElement>(resendState);
  const blockRef = (el: HTMLDivElement | null) => {
    verifyRef.current = el;
    resendRef.current = el;
  };
  const formError = (state.status === "error" && state.formError) || (resendState.status === "error" && resendState.formError);
  return (
    <div ref={blockRef} className="space-y-4">
      {formError ? <Alert kind="error">{formError}</Alert> : null}
      {codeActive ? (
        <form action={verify} className="flex flex-wrap items-start gap-3" noValidate>
          <div className="w-full max-w-xs">
            <SmsCodeField errors={errorsOf(state, "code")} />
          </div>
          <div className="sm:pt-6">
            <SubmitButton pendingText={t("verifying")}>{t("verify")}</SubmitButton>
          </div>
        </form>
      ) : null}
      <div className="space-y-2 border-t border-slate-100 pt-4">
        <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
          {canResend ? (
            <form action={resend}>
              <ResendCodeButton waitMs={resendWaitMs} />
            </form>
          ) : null}
          <CommandButton action={cancelAction} label={t("cancel")} />
        </div>
        {canResend ? <p className="text-sm text-slate-700">{t("resendRule", { seconds: SMS_CODE.resendAfterMs / 1000 })}</p> : null}
      </div>
    </div>
  );
}
