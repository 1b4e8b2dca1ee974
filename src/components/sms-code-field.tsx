"use client";
import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui";

/**
 * A one-time code's input, named by `label` (an authenticator app's code, a code that came by email);
 * it takes focus as its panel opens unless `autoFocus` is false.
 */
export function CodeField({ label, errors, autoFocus = true }: { label: string; errors?: string[]; autoFocus?: boolean }) {
  return (
    <TextField
      label={label}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={12}
      errors={errors}
      required
      autoFocus={autoFocus}
    />
  );
}

/**
 * The 6-digit code input of every code challenge: "SMS verification code" by
 * default (its page gives the client the "Sms" messages), or `label` for a
 * code that came by email.
 */
export function SmsCodeField({ errors, label }: { errors?: string[]; label?: string }) {
  const t = useTranslations("Sms");
  return <CodeField label={label ?? t("codeLabel")} errors={errors} />;
}
