"use client";
import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui";

/**
 * The 6-digit code input of every code challenge: "SMS verification code" by
 * default (its page gives the client the "Sms" messages), or `label` for a
 * code that came by email.
 */
export function SmsCodeField({ errors, label }: { errors?: string[]; label?: string }) {
  const t = useTranslations("Sms");
  return (
    <TextField
      label={label ?? t("codeLabel")}
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
