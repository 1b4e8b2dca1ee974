"use client";
import { TextField } from "@/components/ui";
import { errorsOf, type FormState } from "@/lib/form-state";

/** "Console password": the operator's own password, the 5-minute re-authentication of a console change. */
export function ConsolePasswordField({ state, label, hint }: { state: FormState; label: string; hint: string }) {
  return (
    <div className="border-t border-slate-200 pt-5">
      <TextField
        label={label}
        name="consolePassword"
        type="password"
        autoComplete="current-password"
        errors={errorsOf(state, "consolePassword")}
        hint={hint}
        maxLength={64}
      />
    </div>
  );
}
