import { redirect } from "next/navigation";
import { parseQuery, queryFlag, type RawQuery } from "@/lib/query";
import { requirePostmaster } from "@/web/guards";

/** The console opens on DEPTs & Users > Employee Accounts (a postmaster's own password change lands here too). */
export default async function AdminHome({ searchParams }: { searchParams: Promise<RawQuery> }) {
  await requirePostmaster();
  const { changed } = parseQuery({ changed: queryFlag }, await searchParams);
  redirect(changed ? "/admin/accounts?notice=password-changed" : "/admin/accounts");
}
