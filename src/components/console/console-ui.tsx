import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

/**
 * The console's own pieces (server components; their words come from the
 * Console namespace). Its look: dark slate top bar, orange brand accent,
 * white cards; buttons and links are the app's (ui.tsx), so the logon form
 * and the console's forms match.
 */

export function StatusBadge({ status }: { status: "ACTIVE" | "SUSPENDED" }) {
  const t = useTranslations("Console.status");
  const style = status === "ACTIVE" ? "bg-green-50 text-green-800 ring-green-600/20" : "bg-amber-50 text-amber-900 ring-amber-600/30";
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}>
      {t(status)}
    </span>
  );
}

/** Editions the catalog names (Console.editions.*); any other is shown as stored. */
const EDITIONS = ["Enterprise"] as const;

export function EditionName({ edition }: { edition: string }) {
  const t = useTranslations("Console.editions");
  const known = EDITIONS.find((e) => e === edition);
  return <>{known ? t(known) : edition}</>;
}

export interface Crumb {
  label: string;
  href?: string;
}

/** Breadcrumbs, the page's heading and its actions, above the page's cards. */
export function ConsolePageHeader({ crumbs, title, actions }: { crumbs?: Crumb[]; title: string; actions?: ReactNode }) {
  const t = useTranslations("Console");
  return (
    <div className="mb-6">
      {crumbs?.length ? (
        <nav aria-label={t("breadcrumb")} className="mb-1 text-sm text-slate-600">
          <ol className="flex flex-wrap items-center gap-1">
            {crumbs.map((c, i) => (
              <li key={`${c.label}-${i}`} className="flex min-w-0 items-center gap-1">
                {i > 0 ? <span aria-hidden="true">/</span> : null}
                {c.href ? (
                  <Link href={c.href} className="break-all text-slate-700 underline underline-offset-2 hover:text-slate-900">
                    {c.label}
                  </Link>
                ) : (
                  <span aria-current="page" className="break-all text-slate-800">
                    {c.label}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="min-w-0 break-words text-2xl font-semibold text-slate-900">{title}</h1>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </div>
    </div>
  );
}

/** A label/value grid for overviews. */
export function DetailList({ items }: { items: Array<{ label: string; value: ReactNode }> }) {
  return (
    <dl className="grid grid-cols-1 gap-x-8 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
      {items.map((it) => (
        <div key={it.label} className="min-w-0">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{it.label}</dt>
          <dd className="mt-1 break-words text-sm text-slate-900">{it.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A task on one domain (Reset Password, Reset Secure Mobile): crumbs back to its Manage page, the
 * task's title, and one card with the task's heading and intro above its body.
 */
export function DomainTask(props: {
  domain: { id: string; name: string };
  title: string;
  heading: string;
  intro: string;
  bodyClassName: string;
  children: ReactNode;
}) {
  const t = useTranslations("Console");
  return (
    <>
      <ConsolePageHeader
        crumbs={[
          { label: t("domains.title"), href: "/console" },
          { label: props.domain.name, href: `/console/domains/${props.domain.id}` },
          { label: props.title },
        ]}
        title={props.title}
      />
      <section className="max-w-2xl rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="border-b border-slate-200 px-5 py-3">
          <h2 className="break-words text-base font-semibold text-slate-900">{props.heading}</h2>
          <p className="mt-0.5 text-sm text-slate-600">{props.intro}</p>
        </div>
        <div className={props.bodyClassName}>{props.children}</div>
      </section>
    </>
  );
}
