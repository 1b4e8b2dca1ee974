"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { FormState } from "@/lib/form-state";

/** Goes on to the page a form's action sent the browser to (web/actions/navigate.ts). */
export function useFollowRedirect(state: FormState): void {
  const router = useRouter();
  const to = state.status === "redirect" ? state.to : null;
  const fullLoad = state.status === "redirect" && state.fullLoad;
  useEffect(() => {
    if (!to) return;
    if (fullLoad) window.location.assign(to);
    else router.push(to);
  }, [to, fullLoad, router]);
}
