import type { Metadata } from "next";
import Link from "next/link";
import { Alert, Card, linkClass } from "@/components/ui";
import { requireMailUser } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Account Security" };

export default async function AccountSecurityPage({ searchParams }: { searchParams: Promise<{ denied?: string; changed?: string }> }) {
  const user = await requireMailUser();
  const { denied, changed } = await searchParams;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Account Security</h1>
      {denied === "admin" ? <Alert kind="error">Only the domain administrator (postmaster) can open the domain-management console.</Alert> : null}
      {changed ? <Alert kind="success">Your password was changed.</Alert> : null}
      {!user.hasSecureMobile && !user.hasQuestions ? (
        <Alert kind="warning">Bind a secure mobile and security questions so you can reset a forgotten password yourself.</Alert>
      ) : null}
      <Card title="Password">
        <p className="text-sm text-slate-600">
          Change the password you use to log on to {user.address}.{" "}
          <Link href="/account/change-password" className={linkClass}>
            Change Password
          </Link>
        </p>
      </Card>
    </div>
  );
}
