import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { logOutConsole } from "@/app/log-off-actions";
import { ConsoleHeader } from "@/components/console/console-header";
import { ConsoleNav, type ConsoleNavLabels } from "@/components/console/console-nav";
import { requireOperator } from "@/web/guards";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // Pages and actions check again: a layout is not a security boundary.
  const operator = await requireOperator({ allowMustChange: true });
  const t = await getTranslations("Console.nav");
  // The menu's words come from here, so the menu (a client component for the current page) needs no catalog of its own.
  const labels: ConsoleNavLabels = {
    label: t("label"),
    section: t("section"),
    emailServices: t("emailServices"),
    consolePassword: t("consolePassword"),
  };
  return (
    <div className="flex min-h-[calc(100vh-2.5rem)] flex-col bg-slate-100">
      <ConsoleHeader operator={operator} logOff={logOutConsole} />
      <div className="border-b border-slate-200 bg-white md:hidden">
        <ConsoleNav variant="top" labels={labels} />
      </div>
      <div className="flex flex-1">
        <aside className="hidden w-56 shrink-0 border-r border-slate-200 bg-white md:block">
          <ConsoleNav labels={labels} />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 sm:px-8">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
