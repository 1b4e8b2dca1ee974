import type { ReactNode } from "react";

/** Building blocks of the domain-management console (server- and client-safe: no hooks). */
/** A table's header and body cells (globals.css: one short class, not the same utilities in every cell of a long list). */
export const thClass = "head-cell";
export const tdClass = "cell";
export { dangerButtonClass, smallButtonClass } from "@/components/ui";

export function PageHeader({
  title,
  section,
  trail = section ? [section, title] : undefined,
  description,
  actions,
}: {
  title: string;
  /** The left-side navigation group of a page of its own: the trail is the group, then the title. */
  section?: string;
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

/** A pill beside a name or in a list's cell; its tone's colours are `.badge-<tone>` in globals.css. */
export function Badge({ tone, children }: { tone: "green" | "slate" | "red" | "amber" | "blue"; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
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
