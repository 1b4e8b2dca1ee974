import { TextField } from "@/components/ui";

/** The "SMS verification code" input of the Forgot Password wizard and the secure-mobile binding. */
export function SmsCodeField({ errors }: { errors?: string[] }) {
  return (
    <TextField
      label="SMS verification code"
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
