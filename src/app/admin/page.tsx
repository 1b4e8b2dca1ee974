import { redirect } from "next/navigation";
import { requirePostmaster } from "@/server/auth/guards";

/** The console opens on DEPTs & Users > Employee Accounts (a postmaster's own password change lands here too). */
export default async function AdminHome({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  await requirePostmaster();
  const { changed } = await searchParams;
  redirect(changed ? "/admin/accounts?notice=password-changed" : "/admin/accounts");
}
