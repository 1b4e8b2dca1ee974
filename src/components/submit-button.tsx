"use client";
import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";
import { buttonClass } from "./ui";

/** A submit button that shows it is working and cannot be pressed twice. */
export function SubmitButton({
  children,
  pendingText,
  className,
  name,
  value,
  busy = false,
}: {
  children: string;
  pendingText?: string;
  className?: string;
  name?: string;
  value?: string;
  /** Still working once the action answered: the next page is on its way (useFormAction). */
  busy?: boolean;
}) {
  const pending = useFormStatus().pending || busy;
  const t = useTranslations("Common");
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={className ?? buttonClass} name={name} value={value}>
      {pending ? (pendingText ?? t("pleaseWait")) : children}
    </button>
  );
}
