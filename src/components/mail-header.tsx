import Link from "next/link";
import type { MailUser } from "@/server/auth/load-session-account";
import { LogOffButton } from "@/components/log-off-button";

/** Header of the signed-in mail pages (Account Security, domain management). */
export function MailHeader({ user, area, logOff }: { user: MailUser; area: "account" | "admin"; logOff: () => Promise<void> }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <div className="flex flex-wrap items-center gap-x-6 gap-y-1">
          <span className="text-sm font-semibold tracking-wide text-blue-700">Postkey Mail</span>
          <nav className="flex gap-4 text-sm">
            <Link href="/account" className={area === "account" ? "font-semibold text-slate-900" : "text-slate-600 hover:text-slate-900"}>
              Account Security
            </Link>
            {user.role === "POSTMASTER" ? (
              <Link href="/admin" className={area === "admin" ? "font-semibold text-slate-900" : "text-slate-600 hover:text-slate-900"}>
                Domain management
              </Link>
            ) : null}
          </nav>
        </div>
        <div className="flex min-w-0 items-center gap-3 text-sm">
          <span className="truncate text-slate-600" data-testid="signed-in-as">
            {user.displayName} &lt;{user.address}&gt;
          </span>
          <LogOffButton action={logOff} className="border-slate-300 text-slate-700 hover:bg-slate-50" />
        </div>
      </div>
    </header>
  );
}
