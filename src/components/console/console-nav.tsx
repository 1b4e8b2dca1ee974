"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const ITEMS = [
  { href: "/console", label: "Email Services", match: (p: string) => p === "/console" || p.startsWith("/console/domains") },
  { href: "/console/password", label: "Console password", match: (p: string) => p.startsWith("/console/password") },
];

/** The console's menu: a side menu on wide screens, a row of tabs under the top bar on narrow ones. */
export function ConsoleNav({ variant = "side" }: { variant?: "side" | "top" }) {
  const pathname = usePathname();
  const side = variant === "side";
  return (
    <nav aria-label="Console" className={side ? "py-4" : "overflow-x-auto"}>
      {side ? <p className="px-5 pb-2 text-xs font-semibold uppercase tracking-wider text-slate-400">Email</p> : null}
      <ul className={side ? "space-y-0.5" : "flex"}>
        {ITEMS.map((item) => {
          const active = item.match(pathname);
          const shape = side ? "block border-l-4 px-4 py-2" : "block whitespace-nowrap border-b-2 px-4 py-2.5";
          const look = active
            ? "border-orange-500 bg-orange-50 font-semibold text-slate-900"
            : "border-transparent text-slate-600 hover:bg-slate-50 hover:text-slate-900";
          return (
            <li key={item.href}>
              <Link href={item.href} aria-current={active ? "page" : undefined} className={`${shape} text-sm ${look}`}>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
