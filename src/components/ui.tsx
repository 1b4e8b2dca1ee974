import { useTranslations } from "next-intl";
import { useId, type ReactNode } from "react";
import { errorsOf, valueOf, type FormState } from "@/lib/form-state";

/** Small shared building blocks; server- and client-safe (useId and useTranslations work in both). */
export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600";
export const labelClass = "block text-sm font-medium text-slate-700";
export const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-600/40 disabled:cursor-not-allowed disabled:opacity-60";
export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-blue-600/30";
export const dangerButtonClass =
  "inline-flex items-center justify-center rounded-md border border-red-200 bg-white px-3 py-1.5 text-sm font-medium text-red-700 shadow-sm hover:bg-red-50 focus:outline-none focus:ring-2 focus:ring-red-600/30 disabled:cursor-not-allowed disabled:opacity-50";
/** The one red, filled button: a confirmed removal. (`dangerButtonClass` is the outlined, small one.) */
export const dangerSolidButtonClass =
  "inline-flex items-center justify-center rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-800 focus:outline-none focus:ring-2 focus:ring-red-600/40 disabled:cursor-not-allowed disabled:opacity-60";
export const smallButtonClass =
  "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-blue-600/30 disabled:cursor-not-allowed disabled:opacity-50";
export const linkClass = "font-medium text-blue-700 underline-offset-2 hover:underline";

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="mt-1 space-y-0.5" aria-live="polite">
      {errors.map((e) => (
        <p key={e} className="text-sm text-red-700">
          {e}
        </p>
      ))}
    </div>
  );
}

interface TextFieldProps {
  label: string;
  name: string;
  type?: string;
  defaultValue?: string;
  errors?: string[];
  autoComplete?: string;
  required?: boolean;
  maxLength?: number;
  placeholder?: string;
  hint?: ReactNode;
  inputMode?: "text" | "numeric" | "tel" | "email";
  autoFocus?: boolean;
}

export function TextField({ label, name, type = "text", errors, hint, ...rest }: TextFieldProps) {
  // Unique per field, so two forms on one page can both have "Current password".
  const id = useId();
  const described = [errors?.length ? `${id}-err` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <LabelledField id={id} label={label} hint={hint} errors={errors}>
      <input
        id={id}
        name={name}
        type={type}
        className={inputClass}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={described}
        {...rest}
      />
    </LabelledField>
  );
}

/** A control (`children`, with `id`) under its label, its hint and errors under it (`${id}-hint`, `${id}-err`). */
export function LabelledField(props: {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  className?: string;
  /** The label's classes ("sr-only" where the field's placeholder says it). */
  labelClassName?: string;
  children: ReactNode;
}) {
  const { id } = props;
  return (
    <div className={props.className}>
      <label htmlFor={id} className={props.labelClassName ?? labelClass}>
        {props.label}
      </label>
      {props.children}
      {props.hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {props.hint}
        </p>
      ) : null}
      <FieldErrors id={`${id}-err`} errors={props.errors} />
    </div>
  );
}

/** The form's own error (not a field's), at the top of the form. */
export function FormErrorAlert({ state }: { state: FormState }) {
  return state.status === "error" && state.formError ? <Alert kind="error">{state.formError}</Alert> : null;
}

/** "Email address" of a logon-type form (Log On, Forgot Password): kept after an error, focused first. */
export function EmailAddressField({ state }: { state: FormState }) {
  const t = useTranslations("Fields");
  return (
    <TextField
      label={t("emailAddress")}
      name="email"
      type="email"
      autoComplete="username"
      defaultValue={valueOf(state, "email")}
      errors={errorsOf(state, "email")}
      maxLength={254}
      required
      autoFocus
    />
  );
}

/** "Current password": the re-entry that confirms a change to the signed-in account. */
/** "Current password" (or `label`: the operator's "Console password"), named currentPassword. */
export function CurrentPasswordField({ state, label }: { state: FormState; label?: string }) {
  const t = useTranslations("Fields");
  return (
    <TextField
      label={label ?? t("currentPassword")}
      name="currentPassword"
      type="password"
      autoComplete="current-password"
      errors={errorsOf(state, "currentPassword")}
      required
    />
  );
}

/**
 * A yes/no setting sent as "on" or "off": the hidden "off" goes first, so an
 * unticked box still says so (a missing field would mean the server's default).
 */
export function OnOffCheckbox(props: {
  name: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  label: ReactNode;
  hint?: ReactNode;
  /** The box's colour (the console's accent differs). */
  accentClass?: string;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input type="hidden" name={props.name} value="off" />
      <input
        id={id}
        type="checkbox"
        name={props.name}
        value="on"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        className={`mt-0.5 h-4 w-4 rounded border-slate-300 ${props.accentClass ?? "text-blue-700 focus:ring-blue-600/30"}`}
      />
      <div>
        <label htmlFor={id} className="text-sm text-slate-700">
          {props.label}
        </label>
        {props.hint ? (
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {props.hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function Alert({ kind, children }: { kind: "error" | "success" | "info" | "warning"; children: ReactNode }) {
  const styles = {
    error: "border-red-200 bg-red-50 text-red-800",
    success: "border-green-200 bg-green-50 text-green-800",
    info: "border-blue-200 bg-blue-50 text-blue-900",
    warning: "border-amber-200 bg-amber-50 text-amber-900",
  }[kind];
  return (
    <div role={kind === "error" ? "alert" : "status"} className={`rounded-md border px-4 py-3 text-sm ${styles}`}>
      {children}
    </div>
  );
}

export function Card({ title, children, actions }: { title?: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
      {title ? (
        <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
          <h2 className="text-base font-semibold text-slate-900">{title}</h2>
          {actions}
        </div>
      ) : null}
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}

/**
 * A wide table's horizontal scroller: a keyboard user can focus it and
 * scroll with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable),
 * and a screen reader hears what it holds.
 */
export function TableScroller({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`relative overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600/40 ${className ?? ""}`}
    >
      {children}
    </div>
  );
}
