"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The left-side navigation pane, in the help article's words. */
const ADMIN_NAV = [
  {
    group: "DEPTs & Users",
    items: [
      { label: "Employee Accounts", href: "/admin/accounts" },
      { label: "Departments", href: "/admin/departments" },
    ],
  },
  {
    group: "Security",
    items: [
      { label: "Password Policy", href: "/admin/password-policy" },
      { label: "Audit Log", href: "/admin/audit-log" },
    ],
  },
] as const;

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Left-side navigation pane" className="space-y-5 px-2 py-4">
      {ADMIN_NAV.map((g, i) => (
        <div key={g.group} role="group" aria-labelledby={`nav-group-${i}`}>
          <p id={`nav-group-${i}`} className="px-3 text-sm font-semibold text-slate-900">
            {g.group}
          </p>
          <ul className="mt-2 space-y-0.5">
            {g.items.map((item) => {
              const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? "page" : undefined}
                    className={`block rounded-md px-3 py-2 text-sm ${active ? "bg-blue-50 font-semibold text-blue-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"}`}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
