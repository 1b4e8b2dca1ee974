"use client";
import { useCountdown } from "@/components/use-countdown";
import { useFormStatus } from "react-dom";
import { secondaryButtonClass } from "@/components/ui";

/** "Send a new code", disabled with a countdown until the 60 s since the last send have passed. */
export function ResendCodeButton({ waitMs }: { waitMs: number }) {
  const { pending } = useFormStatus();
  const left = useCountdown(waitMs);
  const waiting = left > 0;
  return (
    <button
      type="submit"
      className={`${secondaryButtonClass} disabled:cursor-not-allowed disabled:opacity-60`}
      disabled={pending || waiting}
      aria-disabled={pending || waiting}
    >
      {pending ? "Sending…" : waiting ? `Send a new code (${left} s)` : "Send a new code"}
    </button>
  );
}
