import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";

/** The frame of the logon pages (Log On, its second step): the product name, the heading, one card, a footer line. */
export async function LogOnShell({
  heading,
  intro,
  footer,
  children,
}: {
  heading: string;
  intro?: string;
  footer?: ReactNode;
  children: ReactNode;
}) {
  const t = await getTranslations("Common");
  return (
    <main id="main" tabIndex={-1} className="flex min-h-[calc(100vh-2.5rem)] items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-wide text-blue-700">{t("appName")}</p>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900">{heading}</h1>
          {intro ? <p className="mt-2 text-sm text-slate-600">{intro}</p> : null}
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
        {footer ? <div className="mt-6 text-center">{footer}</div> : null}
      </div>
    </main>
  );
}
