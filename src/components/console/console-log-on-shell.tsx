import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";

/** The frame of the cloud console's logon pages (Log On, its second step): the console's brand and colours. */
export async function ConsoleLogOnShell({ intro, footer, children }: { intro?: string; footer?: ReactNode; children: ReactNode }) {
  const t = await getTranslations("Console");
  return (
    <main id="main" tabIndex={-1} className="flex min-h-[calc(100vh-2.5rem)] items-center justify-center bg-slate-900 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="flex items-center justify-center gap-2 text-sm font-semibold tracking-wide text-orange-400">
            <span
              aria-hidden="true"
              className="flex h-6 w-6 items-center justify-center rounded bg-orange-700 text-xs font-bold text-white"
            >
              P
            </span>
            {t("brand")}
          </p>
          <h1 className="mt-1 text-2xl font-semibold text-white">{t("title")}</h1>
          {intro ? <p className="mt-2 text-sm text-slate-200">{intro}</p> : null}
        </div>
        <div className="rounded-lg border-t-4 border-orange-500 bg-white p-6 shadow">{children}</div>
        {footer ? <div className="mt-4 text-center text-xs text-slate-300">{footer}</div> : null}
      </div>
    </main>
  );
}
