"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert, secondaryButtonClass } from "@/components/ui";
import { errorsOf, idle, type FormAction } from "@/lib/form-state";
import { ResendCodeButton } from "./resend-code-button";
import { SmsCodeField } from "@/components/sms-code-field";

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
  const [state, verify] = useActionState(verifyAction, idle);
  const [resendState, resend] = useActionState(resendAction, idle);
  const formError = (state.status === "error" && state.formError) || (resendState.status === "error" && resendState.formError);
  return (
    <div className="space-y-4">
      {formError ? <Alert kind="error">{formError}</Alert> : null}
      {codeActive ? (
        <form action={verify} className="flex flex-wrap items-start gap-3" noValidate>
          <div className="w-full max-w-xs">
            <SmsCodeField errors={errorsOf(state, "code")} />
          </div>
          <div className="pt-6">
            <SubmitButton pendingText="Verifying…">Verify</SubmitButton>
          </div>
        </form>
      ) : null}
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4 text-sm text-slate-600">
        {canResend ? (
          <form action={resend}>
            <ResendCodeButton waitMs={resendWaitMs} />
          </form>
        ) : null}
        <form action={cancelAction}>
          <button type="submit" className={secondaryButtonClass}>
            Cancel
          </button>
        </form>
      </div>
    </div>
  );
}
