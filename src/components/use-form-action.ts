"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { idle, type FormAction, type FormState } from "@/lib/form-state";

/**
 * The one way a form calls its action (lint keeps useActionState out of every other file): the
 * action's state, and the browser sent on when the action says so (its "redirect" state,
 * web/actions/navigate.ts), so that no form can forget to follow. The form still posts the server
 * action itself, so it works without JavaScript (the action answers with a 303 then).
 */
export function useFormAction(action: FormAction): [state: FormState, formAction: (form: FormData) => void, pending: boolean] {
  const [state, formAction, pending] = useActionState(action, idle);
  const router = useRouter();
  // Each answer is followed once, also the same destination again (a new state object each time).
  useEffect(() => {
    if (state.status !== "redirect") return;
    if (state.fullLoad) window.location.assign(state.to);
    else router.push(state.to);
  }, [state, router]);
  return [state, formAction, pending];
}
