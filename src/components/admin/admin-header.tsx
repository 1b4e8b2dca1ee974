import Link from "next/link";
import { logOutMail } from "@/app/logout-actions";
import type { MailUser } from "@/server/auth/load-session-account";

/** Top bar of the domain-management console: which domain, who is signed in, Log Off. */
export function AdminHeader({ user }: { user: MailUser }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="flex items-center justify-between gap-4 px-6 py-3">
        <div className="flex items-center gap-3">
          <Link href="/admin" className="text-sm font-semibold tracking-wide text-blue-700">
            Postkey Mail
          </Link>
          <span className="h-5 w-px bg-slate-200" aria-hidden="true" />
          <span className="text-sm font-medium text-slate-900">Domain Management</span>
          <span className="rounded-md bg-slate-100 px-2 py-0.5 font-mono text-sm text-slate-700" data-testid="admin-domain">
            {user.domainName}
          </span>
        </div>
        <div className="flex items-center gap-4 text-sm">
          <Link href="/account" className="text-slate-600 hover:text-slate-900">
            Account Security
          </Link>
          <span className="text-slate-600" data-testid="signed-in-as">
            {user.displayName} &lt;{user.address}&gt;
          </span>
          <form action={logOutMail}>
            <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-slate-700 hover:bg-slate-50">
              Log Off
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
