"use client";
import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui";

/**
 * The "SMS verification code" input of the Forgot Password wizard and the
 * secure-mobile binding (its page gives the client the "Sms" messages).
 */
export function SmsCodeField({ errors }: { errors?: string[] }) {
  const t = useTranslations("Sms");
  return (
    <TextField
      label={t("codeLabel")}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={12}
      errors={errors}
      required
      autoFocus
    />
  );
}
