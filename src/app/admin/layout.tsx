import type { Metadata } from "next";
import type { ReactNode } from "react";
import { logOutMail } from "@/app/log-off-actions";
import { AdminNav } from "@/components/admin/admin-nav";
import { MailHeader } from "@/components/mail-header";
import { requirePostmaster } from "@/web/guards";

export const metadata: Metadata = { title: { default: "Domain Management", template: "%s · Domain Management" } };

export default async function AdminLayout({ children }: { children: ReactNode }) {
  // Pages and actions check again: a layout is not a security boundary.
  const user = await requirePostmaster();
  return (
    <div className="min-h-screen">
      <MailHeader user={user} area="admin" logOff={logOutMail} />
      <div className="mx-auto flex max-w-6xl items-start gap-8 px-4 py-8">
        <aside className="sticky top-4 w-56 shrink-0 rounded-lg border border-slate-200 bg-white shadow-sm">
          <div className="border-b border-slate-200 px-4 py-3">
            <p className="text-xs text-slate-500">Domain management</p>
            <p className="mt-0.5 truncate font-semibold text-slate-900" data-testid="admin-domain">
              {user.domainName}
            </p>
          </div>
          <AdminNav />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}
