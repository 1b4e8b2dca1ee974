"use client";
import { useEffect, useState } from "react";
import { useFormStatus } from "react-dom";
import { secondaryButtonClass } from "@/components/ui";

/** "Send a new code", disabled with a countdown until the 60 s since the last send have passed. */
export function ResendCodeButton({ waitMs }: { waitMs: number }) {
  const { pending } = useFormStatus();
  const [left, setLeft] = useState(Math.ceil(waitMs / 1000));
  useEffect(() => {
    const until = Date.now() + waitMs;
    setLeft(Math.ceil(waitMs / 1000));
    if (waitMs <= 0) return;
    const timer = setInterval(() => {
      const s = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setLeft(s);
      if (s === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [waitMs]);
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
