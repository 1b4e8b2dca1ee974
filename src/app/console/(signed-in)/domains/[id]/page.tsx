import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert, buttonClass, Card } from "@/components/ui";
import { ConsolePageHeader, DetailList, StatusBadge } from "@/components/console/console-ui";
import { formatUtc, formatUtcDay } from "@/lib/format";
import { idField } from "@/lib/fields";
import { keyOf, parseQuery, type RawQuery } from "@/lib/query";
import { requireOperator } from "@/web/guards";
import { getManagedDomain } from "@/server/console/get-managed-domain";
import { getRequestMeta } from "@/web/request";

export const metadata: Metadata = { title: "Manage" };

/** Scenario 3, step 2: the domain's Manage page, with the Reset Password button of step 3. */
export default async function ManageDomainPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<RawQuery>;
}) {
  const operator = await requireOperator();
  const id = idField.safeParse((await params).id);
  if (!id.success) notFound();
  const result = await getManagedDomain(operator, id.data, await getRequestMeta());
  if (!result.ok) notFound();
  const d = result.domain;
  const pm = d.postmaster;
  const { reset } = parseQuery({ reset: keyOf({ done: true }) }, await searchParams);
  return (
    <>
      <ConsolePageHeader
        crumbs={[{ label: "Email Services", href: "/console" }, { label: d.name }]}
        title={d.name}
        actions={
          pm ? (
            <Link href={`/console/domains/${d.id}/reset-password`} className={buttonClass}>
              Reset Password
            </Link>
          ) : null
        }
      />
      <div className="space-y-6">
        {reset === "done" ? (
          <Alert kind="success">
            <p className="font-semibold">The postmaster password has been reset.</p>
            <p className="mt-1">The postmaster&apos;s open sessions have ended; the new password works from the next logon.</p>
          </Alert>
        ) : null}
        <Card title="Overview">
          <DetailList
            items={[
              { label: "Domain name", value: d.name },
              { label: "Edition", value: d.edition },
              { label: "Status", value: <StatusBadge status={d.status} /> },
              { label: "Accounts in use", value: d.accountsInUse },
              { label: "Created", value: formatUtcDay(d.createdAt) },
            ]}
          />
        </Card>
        <Card title="Postmaster account">
          {pm ? (
            <>
              <DetailList
                items={[
                  { label: "Postmaster address", value: <span className="break-all">{pm.address}</span> },
                  { label: "Password last changed", value: formatUtc(pm.passwordChangedAt) },
                  { label: "Secure mobile", value: pm.secureMobile ? `Bound (${pm.secureMobile})` : "Not bound" },
                  {
                    label: "Account status",
                    value: !pm.active ? "Disabled" : pm.lockedUntil ? `Logon locked until ${formatUtc(pm.lockedUntil)}` : "Active",
                  },
                  { label: "Password change at next logon", value: pm.mustChangePassword ? "Required" : "Not required" },
                ]}
              />
              <p className="mt-5 border-t border-slate-100 pt-4 text-sm text-slate-600">
                Forgot the postmaster password? Use <span className="font-medium text-slate-800">Reset Password</span>. The
                postmaster&apos;s open sessions end at once, a logon lock is lifted, and an SMS notice goes to the secure mobile if one is
                bound.
              </p>
            </>
          ) : (
            <p className="text-sm text-slate-600">This domain has no postmaster account.</p>
          )}
        </Card>
      </div>
    </>
  );
}
