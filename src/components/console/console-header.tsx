import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LogOffButton } from "@/components/log-off-button";

/** The console's top bar: "Email Console", who is signed in, and Log Off. */
export async function ConsoleHeader({ operator, logOff }: { operator: { name: string; email: string }; logOff: () => Promise<void> }) {
  const t = await getTranslations("Console");
  return (
    <header className="bg-slate-900 text-white">
      <div className="flex min-h-14 flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-2 sm:px-6">
        <Link
          href="/console"
          className="flex min-w-0 items-center gap-3 rounded focus:outline-none focus-visible:ring-2 focus-visible:ring-orange-400"
        >
          <span
            aria-hidden="true"
            className="flex h-7 w-7 shrink-0 items-center justify-center rounded bg-orange-700 text-sm font-bold text-white"
          >
            P
          </span>
          <span className="hidden text-sm font-semibold tracking-wide text-orange-400 sm:inline">{t("brand")}</span>
          <span aria-hidden="true" className="hidden text-slate-400 sm:inline">
            |
          </span>
          <span className="whitespace-nowrap text-base font-semibold text-white">{t("title")}</span>
        </Link>
        <div className="flex items-center gap-4 text-sm">
          <span className="hidden text-right leading-tight sm:block" data-testid="signed-in-as">
            <span className="block font-medium text-white">{operator.name}</span>
            <span className="block text-xs text-slate-300">{operator.email}</span>
          </span>
          <LogOffButton
            action={logOff}
            className="border-slate-500 text-slate-100 hover:border-slate-300 hover:bg-slate-800 focus:outline-none focus:ring-2 focus:ring-orange-400"
          />
        </div>
      </div>
    </header>
  );
}
