import type { ReactNode } from "react";

/** Building blocks of the domain-management console (server- and client-safe: no hooks). */
export const thClass = "border-b border-slate-200 bg-slate-50 px-3 py-2.5 text-left text-sm font-semibold text-slate-600";
export const tdClass = "border-b border-slate-100 px-3 py-3 align-top text-sm text-slate-700";
export { dangerButtonClass, smallButtonClass } from "@/components/ui";

export function PageHeader({
  title,
  trail,
  description,
  actions,
}: {
  title: string;
  trail?: string[];
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        {trail?.length ? <p className="text-sm text-slate-600">{trail.join(" › ")}</p> : null}
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">{title}</h1>
        {description ? <p className="mt-1 max-w-3xl text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </div>
  );
}

const TONES = {
  green: "bg-green-50 text-green-800 ring-green-600/20",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/20",
  red: "bg-red-50 text-red-800 ring-red-600/20",
  amber: "bg-amber-50 text-amber-900 ring-amber-600/20",
  blue: "bg-blue-50 text-blue-800 ring-blue-600/20",
} as const;

export function Badge({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>
      {children}
    </span>
  );
}

/** One "label: value" line of a details card (a <dl> row). */
export function DetailRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2.5 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words text-sm text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}
