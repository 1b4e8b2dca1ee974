import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { MailUser } from "@/server/auth/load-session-account";
import { LogOffButton } from "@/components/log-off-button";

const navLink = "rounded px-1 py-0.5 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600/40";

/** Header of the signed-in mail pages (Account Security, domain management). */
export async function MailHeader({ user, area, logOff }: { user: MailUser; area: "account" | "admin"; logOff: () => Promise<void> }) {
  const t = await getTranslations();
  const item = (mine: typeof area) =>
    area === mine
      ? { className: `${navLink} font-semibold text-slate-900`, "aria-current": "page" as const }
      : { className: `${navLink} text-slate-700 underline-offset-2 hover:text-slate-900 hover:underline` };
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <div className="flex min-w-0 flex-wrap items-center gap-x-6 gap-y-1">
          <span className="text-sm font-semibold tracking-wide text-blue-700">{t("Common.appName")}</span>
          <nav aria-label={t("Mail.nav")} className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <Link href="/account" {...item("account")}>
              {t("Mail.accountSecurity")}
            </Link>
            {user.role === "POSTMASTER" ? (
              <Link href="/admin" {...item("admin")}>
                {t("Mail.domainManagement")}
              </Link>
            ) : null}
          </nav>
        </div>
        <div className="flex min-w-0 items-center gap-3 text-sm">
          <span className="truncate text-slate-700" data-testid="signed-in-as">
            {user.displayName} &lt;{user.address}&gt;
          </span>
          <LogOffButton
            action={logOff}
            className="border-slate-300 text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600/40"
          />
        </div>
      </div>
    </header>
  );
}
