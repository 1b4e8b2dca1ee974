"use client";
import { useEffect, useState, useSyncExternalStore } from "react";

/**
 * Whole seconds until `ms` (counted from when the value arrived) have passed,
 * for "resend in 42 s". The first render uses the server's figure only, so
 * the server and the browser render the same text; a new `ms` restarts it.
 */
export function useCountdown(ms: number): number {
  const [left, setLeft] = useState(Math.ceil(ms / 1000));
  useEffect(() => {
    const deadline = Date.now() + ms;
    const tick = () => {
      const s = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setLeft(s);
      if (s === 0) clearInterval(timer);
    };
    const timer = setInterval(tick, 250);
    tick();
    return () => clearInterval(timer);
  }, [ms]);
  return left;
}

const subscribeNever = () => () => {};

/**
 * False in the server's HTML (what a browser without JavaScript keeps), true
 * once React runs in the browser: what only works with JavaScript (a live
 * countdown, a disabled-until button) is shown only then.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}
