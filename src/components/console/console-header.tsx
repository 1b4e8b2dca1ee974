import Link from "next/link";
import { LogOffButton } from "@/components/log-off-button";

/** The console's top bar: "Email Console", who is signed in, and Log Off. */
export function ConsoleHeader({ operator, logOff }: { operator: { name: string; email: string }; logOff: () => Promise<void> }) {
  return (
    <header className="bg-slate-900 text-white">
      <div className="flex h-14 items-center justify-between gap-4 px-4 sm:px-6">
        <Link href="/console" className="flex items-center gap-3">
          <span aria-hidden="true" className="flex h-7 w-7 items-center justify-center rounded bg-orange-500 text-sm font-bold text-white">
            P
          </span>
          <span className="hidden text-sm font-semibold tracking-wide text-orange-400 sm:inline">Postkey Cloud</span>
          <span aria-hidden="true" className="hidden text-slate-600 sm:inline">
            |
          </span>
          <span className="whitespace-nowrap text-base font-semibold text-white">Email Console</span>
        </Link>
        <div className="flex items-center gap-4 text-sm">
          <span className="hidden text-right leading-tight sm:block" data-testid="signed-in-as">
            <span className="block font-medium text-white">{operator.name}</span>
            <span className="block text-xs text-slate-400">{operator.email}</span>
          </span>
          <LogOffButton
            action={logOff}
            className="border-slate-600 text-slate-100 hover:border-slate-400 hover:bg-slate-800 focus:outline-none focus:ring-2 focus:ring-orange-500/50"
          />
        </div>
      </div>
    </header>
  );
}
