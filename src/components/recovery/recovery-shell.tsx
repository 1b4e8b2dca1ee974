import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { linkClass } from "@/components/ui";
import { RecoveryProgress } from "./recovery-progress";

/** The wizard's frame: a centered card like the logon page, the progress indicator on top. */
export async function RecoveryShell({
  current,
  startOver,
  backToLogOn,
  children,
}: {
  current: number;
  startOver: boolean;
  backToLogOn: boolean;
  children: ReactNode;
}) {
  const t = await getTranslations();
  return (
    <main id="main" tabIndex={-1} className="flex min-h-[calc(100vh-2.5rem)] items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-wide text-blue-700">{t("Common.appName")}</p>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900">{t("Recovery.title")}</h1>
        </div>
        <RecoveryProgress current={current} />
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
        <p className="mt-6 flex justify-center gap-6 text-sm">
          {backToLogOn ? (
            <Link href="/login" className={linkClass}>
              {t("Recovery.backToLogOn")}
            </Link>
          ) : null}
          {startOver ? (
            // A plain link, not <Link>: a prefetch must never reach the route that clears the cookie.
            <a href="/forgot-password/start-over" className={linkClass}>
              {t("Recovery.startOver")}
            </a>
          ) : null}
        </p>
      </div>
    </main>
  );
}
