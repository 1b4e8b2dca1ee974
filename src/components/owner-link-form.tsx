"use client";
import { SubmitButton } from "@/components/submit-button";
import { buttonClass, dangerSolidButtonClass, FormErrorAlert } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import type { FormAction } from "@/lib/form-state";
import { useFormAction } from "@/components/use-form-action";

/**
 * The page of a one-use link from a notice ("This wasn't me", the unlock):
 * what the button does, then the button. A plain form (it works without
 * JavaScript); the token rides in a hidden field. Its words come worded.
 */
export function OwnerLinkForm(props: {
  action: FormAction;
  token: string;
  intro: string;
  effects?: string[];
  submit: string;
  pending: string;
  /** "danger": the button's action cannot be taken back in a click ("This wasn't me"). */
  tone?: "danger";
}) {
  const [state, formAction] = useFormAction(props.action);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} action={formAction} className="space-y-4" noValidate>
      <FormErrorAlert state={state} />
      <p className="text-sm text-slate-700">{props.intro}</p>
      {props.effects?.length ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          {props.effects.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <input type="hidden" name="token" value={props.token} />
      <SubmitButton className={`${props.tone === "danger" ? dangerSolidButtonClass : buttonClass} w-full`} pendingText={props.pending}>
        {props.submit}
      </SubmitButton>
    </form>
  );
}
