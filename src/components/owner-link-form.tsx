"use client";
import { SubmitButton } from "@/components/submit-button";
import { ActionForm } from "@/components/action-form";
import { buttonClass, dangerSolidButtonClass } from "@/components/ui";
import type { FormAction } from "@/lib/form-state";

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
  return (
    <ActionForm action={props.action} className="space-y-4">
      {() => (
        <>
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
        </>
      )}
    </ActionForm>
  );
}
