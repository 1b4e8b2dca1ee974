"use client";
import { useActionState } from "react";
import { CaptchaField } from "@/components/captcha-field";
import { SubmitButton } from "@/components/submit-button";
import { Alert, FormErrorAlert, EmailAddressField } from "@/components/ui";
import { errorsOf, idle, type FormAction } from "@/lib/form-state";

/** Step 1, "Account": "Email address", the image verification code, "Next". */
export function AccountStep({ action, notice }: { action: FormAction; notice: string | null }) {
  const [state, formAction] = useActionState(action, idle);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div>
        <h2 className="text-lg font-semibold text-slate-900">Account</h2>
        <p className="mt-1 text-sm text-slate-600">Enter the email address whose password you forgot and the characters in the image.</p>
      </div>
      {notice && state.status === "idle" ? <Alert kind="warning">{notice}</Alert> : null}
      <FormErrorAlert state={state} />
      <EmailAddressField state={state} />
      <CaptchaField errors={errorsOf(state, "captcha")} refreshKey={state.status === "error" ? state.attempt : 0} refreshHref="/forgot-password" />
      <div className="pt-2">
        <SubmitButton pendingText="Checking…">Next</SubmitButton>
      </div>
    </form>
  );
}
