import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminHeader } from "@/components/admin/admin-header";
import { AdminNav } from "@/components/admin/admin-nav";
import { requirePostmaster } from "@/server/auth/guards";

export const metadata: Metadata = { title: { default: "Domain Management", template: "%s · Domain Management" } };

export default async function AdminLayout({ children }: { children: ReactNode }) {
  // Pages and actions check again: a layout is not a security boundary.
  const user = await requirePostmaster();
  return (
    <div className="flex min-h-screen flex-col">
      <AdminHeader user={user} />
      <div className="flex flex-1">
        <aside className="w-56 shrink-0 border-r border-slate-200 bg-white">
          <AdminNav />
        </aside>
        <main className="min-w-0 flex-1 px-8 py-6">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
