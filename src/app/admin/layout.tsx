import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { logOutMail } from "@/app/log-off-actions";
import { AdminNav } from "@/components/admin/admin-nav";
import { MailHeader } from "@/components/mail-header";
import { requirePostmaster } from "@/web/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Admin");
  return { title: { default: t("metaTitle"), template: `%s · ${t("metaTitle")}` } };
}

export default async function AdminLayout({ children }: { children: ReactNode }) {
  // Pages and actions check again: a layout is not a security boundary.
  const user = await requirePostmaster();
  const t = await getTranslations("Admin");
  return (
    <div className="min-h-screen">
      <MailHeader user={user} area="admin" logOff={logOutMail} />
      {/* One column on a phone (the pane above the page), side by side from md up. */}
      <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 md:flex-row md:items-start md:gap-8 md:py-8">
        <aside className="w-full rounded-lg border border-slate-200 bg-white shadow-sm md:sticky md:top-4 md:w-56 md:shrink-0">
          <div className="border-b border-slate-200 px-4 py-3">
            <p className="text-xs text-slate-600">{t("consoleName")}</p>
            <p className="mt-0.5 truncate font-semibold text-slate-900" data-testid="admin-domain">
              {user.domainName}
            </p>
          </div>
          <AdminNav />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
