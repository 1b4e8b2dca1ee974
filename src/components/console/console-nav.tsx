"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The menu's words, translated by the layout (server side). */
export interface ConsoleNavLabels {
  label: string;
  section: string;
  emailServices: string;
  consolePassword: string;
}

const ITEMS = [
  { href: "/console", key: "emailServices", match: (p: string) => p === "/console" || p.startsWith("/console/domains") },
  { href: "/console/password", key: "consolePassword", match: (p: string) => p.startsWith("/console/password") },
] as const;

/**
 * The console's menu: a side menu on wide screens, a row of links under the
 * top bar on narrow ones. Plain links, so both work without JavaScript; the
 * current page (aria-current) is known when the server draws the page.
 */
export function ConsoleNav({ variant = "side", labels }: { variant?: "side" | "top"; labels: ConsoleNavLabels }) {
  const pathname = usePathname();
  const side = variant === "side";
  return (
    <nav aria-label={labels.label} className={side ? "py-4" : "relative overflow-x-auto"}>
      {side ? <p className="px-5 pb-2 text-xs font-semibold uppercase tracking-wider text-slate-600">{labels.section}</p> : null}
      <ul className={side ? "space-y-0.5" : "flex"}>
        {ITEMS.map((item) => {
          const active = item.match(pathname);
          const shape = side ? "block border-l-4 px-4 py-2" : "block whitespace-nowrap border-b-2 px-4 py-2.5";
          const look = active
            ? "border-orange-600 bg-orange-50 font-semibold text-slate-900"
            : "border-transparent text-slate-700 hover:bg-slate-50 hover:text-slate-900";
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`${shape} text-sm ${look} focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-orange-600`}
              >
                {labels[item.key]}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
