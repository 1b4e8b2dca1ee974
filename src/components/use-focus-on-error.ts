"use client";
import { useEffect, useRef } from "react";
import type { FormState } from "@/lib/form-state";

/**
 * After a submission that came back with errors, focus goes to the first
 * field in error (or the form's own alert), so a keyboard or screen-reader
 * user lands on what needs fixing. Without JavaScript the page is new and
 * the browser starts at the top, where the alert is.
 */
export function useFocusOnError<T extends HTMLElement = HTMLFormElement>(state: FormState) {
  const ref = useRef<T>(null);
  const attempt = state.status === "error" ? state.attempt : undefined;
  useEffect(() => {
    if (attempt === undefined || !ref.current) return;
    const target =
      ref.current.querySelector<HTMLElement>("[aria-invalid='true']") ?? ref.current.querySelector<HTMLElement>("[role='alert']");
    if (target) {
      if (target.getAttribute("role") === "alert" && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    }
  }, [attempt]);
  return ref;
}
