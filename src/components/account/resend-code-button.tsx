"use client";
import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { useFormStatus } from "react-dom";
import { useCountdown } from "@/components/use-countdown";
import { secondaryButtonClass } from "@/components/ui";

const noSubscribe = () => () => {};

/**
 * "Send a new code": with JavaScript, disabled with a countdown until the 60 s
 * since the last send have passed. Without JavaScript nothing would enable it
 * again, so it stays enabled: the wait is stated next to it in words, and an
 * early press is answered by the server with how long is left.
 */
export function ResendCodeButton({ waitMs }: { waitMs: number }) {
  const t = useTranslations("Account.mobile");
  const { pending } = useFormStatus();
  const hydrated = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const left = useCountdown(waitMs);
  const waiting = hydrated && left > 0;
  return (
    <button
      type="submit"
      className={`${secondaryButtonClass} disabled:cursor-not-allowed disabled:opacity-60`}
      disabled={pending || waiting}
      aria-disabled={pending || waiting}
    >
      {pending ? t("sending") : waiting ? t("resendIn", { seconds: left }) : t("resend")}
    </button>
  );
}
