"use client";
import { useEffect, useRef, type ReactNode } from "react";

/** The wizard step last shown in this document; null until the wizard first renders. */
let shownStep: string | null = null;

/**
 * A step's heading. When the wizard moves to another step without a page
 * load, focus goes here, so keyboard and screen-reader users start reading
 * the new step; a page load keeps the browser's (and autoFocus') own focus.
 */
export function StepHeading({ step, children }: { step: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (shownStep !== null && shownStep !== step) ref.current?.focus();
    shownStep = step;
  }, [step]);
  return (
    <h2 ref={ref} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
      {children}
    </h2>
  );
}
