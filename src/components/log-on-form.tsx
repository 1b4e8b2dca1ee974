"use client";
import Link from "next/link";
import { useActionState } from "react";
import { CaptchaField } from "@/components/captcha-field";
import { SubmitButton } from "@/components/submit-button";
import { Alert, linkClass, TextField, FormErrorAlert, EmailAddressField } from "@/components/ui";
import { errorsOf, idle, type FormAction } from "@/lib/form-state";

interface Props {
  action: FormAction;
  forgotPasswordHref?: string;
  notice?: string;
}

/** "Email address", "Password", "Log On" (and the image code after repeated failures). */
export function LogOnForm({ action, forgotPasswordHref, notice }: Props) {
  const [state, formAction] = useActionState(action, idle);
  const captchaRequired = state.status === "error" && state.flags?.captchaRequired;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {notice && state.status === "idle" ? <Alert kind="info">{notice}</Alert> : null}
      <FormErrorAlert state={state} />
      <EmailAddressField state={state} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        errors={errorsOf(state, "password")}
        required
      />
      {captchaRequired ? (
        <CaptchaField errors={errorsOf(state, "captcha")} refreshKey={state.status === "error" ? state.attempt : 0} />
      ) : null}
      <div className="flex items-center justify-between pt-2">
        <SubmitButton pendingText="Logging on…">Log On</SubmitButton>
        {forgotPasswordHref ? (
          <Link href={forgotPasswordHref} className={`text-sm ${linkClass}`}>
            Forgot Password
          </Link>
        ) : null}
      </div>
    </form>
  );
}
