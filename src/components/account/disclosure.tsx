import type { ReactNode } from "react";

/**
 * A native <details> section (works without JavaScript, keyboard-usable).
 * `open` opens it from the server too: a form inside that came back with an
 * error must show it, with or without JavaScript.
 */
export function Disclosure({ summary, open, children }: { summary: string; open?: boolean; children: ReactNode }) {
  return (
    <details className="group rounded-md border border-slate-200" open={open || undefined}>
      <summary className="cursor-pointer select-none list-none rounded-md px-4 py-2.5 text-sm font-medium text-blue-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600/40 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="mr-2 inline-block transition-transform group-open:rotate-90">
          ›
        </span>
        {summary}
      </summary>
      <div className="border-t border-slate-200 px-4 py-4">{children}</div>
    </details>
  );
}

/** The form as it is, or inside a Disclosure with `summary` (opened while the form shows an error). */
export function MaybeDisclosure({ summary, open, children }: { summary?: string; open: boolean; children: ReactNode }) {
  return summary ? (
    <Disclosure summary={summary} open={open}>
      {children}
    </Disclosure>
  ) : (
    children
  );
}
