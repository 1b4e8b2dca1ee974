import { getTranslations } from "next-intl/server";
import { AdminNavLink } from "./admin-nav-link";

/** The left-side navigation pane, in the help article's words (组织与用户 > 员工帐号管理). */
const ADMIN_NAV = [
  {
    group: "deptsUsers",
    items: [
      { label: "employeeAccounts", href: "/admin/accounts" },
      { label: "departments", href: "/admin/departments" },
    ],
  },
  {
    group: "security",
    items: [
      { label: "passwordPolicy", href: "/admin/password-policy" },
      { label: "readiness", href: "/admin/readiness" },
      { label: "auditLog", href: "/admin/audit-log" },
    ],
  },
] as const;

/** Rendered on the server; only the links know the current page (aria-current), on the server and in the browser alike. */
export async function AdminNav() {
  const t = await getTranslations("Admin");
  return (
    <nav aria-label={t("nav.label")} className="space-y-5 px-2 py-4">
      {ADMIN_NAV.map((g) => (
        <div key={g.group} role="group" aria-labelledby={`nav-group-${g.group}`}>
          <p id={`nav-group-${g.group}`} className="px-3 text-sm font-semibold text-slate-900">
            {t(`nav.${g.group}`)}
          </p>
          <ul className="mt-2 space-y-0.5">
            {g.items.map((item) => (
              <li key={item.href}>
                <AdminNavLink href={item.href}>{t(`nav.${item.label}`)}</AdminNavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
