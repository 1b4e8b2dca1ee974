import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/action-button";
import { DetailRow, PageHeader, smallButtonClass } from "@/components/admin/admin-ui";
import { formatUtc } from "@/lib/format";
import { StatusBadges } from "@/components/admin/account-badges";
import { ResetPasswordPanel } from "@/components/admin/reset-password-panel";
import { Alert, Card, linkClass } from "@/components/ui";
import { getEmployeeAccount } from "@/server/admin/get-employee-account";
import { idField } from "@/lib/fields";
import { keyOf, parseQuery, queryText, type RawQuery } from "@/lib/query";
import { requirePostmaster } from "@/web/guards";
import { getRequestMeta } from "@/web/request";
import { resetPasswordAction, signOutEverywhereAction, unlockAction } from "./actions";

export const metadata: Metadata = { title: "Edit Account" };

const QUERY = { notice: keyOf({ "password-reset": true, unlocked: true, "signed-out": true }), at: queryText(20) };

export default async function EditAccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<RawQuery>;
}) {
  const user = await requirePostmaster();
  const id = idField.safeParse((await params).id);
  if (!id.success) notFound();
  const { notice, at } = parseQuery(QUERY, await searchParams);
  const found = await getEmployeeAccount(user, id.data, await getRequestMeta());
  if (!found.ok) notFound();
  const a = found.account;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Edit Account"
        trail={["DEPTs & Users", "Employee Accounts", a.displayName]}
        actions={
          <Link href="/admin/accounts" className={smallButtonClass}>
            Back to Employee Accounts
          </Link>
        }
      />
      {notice === "password-reset" ? (
        <Alert kind="success">
          The password of {a.address} has been reset. {a.mustChangePassword ? "They must change it at their next logon. " : ""}Their open
          sessions have ended.
        </Alert>
      ) : null}
      {notice === "unlocked" ? <Alert kind="success">{a.address} is unlocked and can log on again.</Alert> : null}
      {notice === "signed-out" ? <Alert kind="success">Every session of {a.address} has ended. They must log on again.</Alert> : null}

      <Card title="Account">
        <dl className="divide-y divide-slate-100">
          <DetailRow label="Name">{a.displayName}</DetailRow>
          <DetailRow label="Email address">
            <span className="font-mono">{a.address}</span>
          </DetailRow>
          <DetailRow label="Department">{a.department ?? <span className="text-slate-500">No department</span>}</DetailRow>
          <DetailRow label="Role">{a.role === "POSTMASTER" ? "Postmaster (domain administrator)" : "Employee"}</DetailRow>
          <DetailRow label="Status">
            <StatusBadges status={a.status} locked={!!a.lockedUntil} />
          </DetailRow>
          <DetailRow label="Created">{formatUtc(a.createdAt)}</DetailRow>
        </dl>
      </Card>

      <Card title="Security">
        <dl className="divide-y divide-slate-100">
          <DetailRow label="Secure mobile">
            {a.secureMobile ? <span className="font-mono">{a.secureMobile}</span> : <span className="text-slate-500">Not bound</span>}
            {!a.domain.allowSmsRecovery ? (
              <span className="ml-2 text-slate-500">(SMS verification is turned off for this domain)</span>
            ) : null}
          </DetailRow>
          <DetailRow label="Security questions">
            {a.questionsSet ? "Set" : <span className="text-slate-500">Not set</span>}
            {!a.domain.allowQuestionRecovery ? (
              <span className="ml-2 text-slate-500">(security questions are turned off for this domain)</span>
            ) : null}
          </DetailRow>
          <DetailRow label="Logon lock">
            {a.lockedUntil ? (
              <div className="flex flex-wrap items-center gap-3">
                <span>
                  Locked until {formatUtc(a.lockedUntil)} after {a.failedLogonCount} failed logons.
                </span>
                <ActionButton action={unlockAction} fields={{ accountId: a.id }} label="Unlock" pendingText="Unlocking…" />
              </div>
            ) : (
              <span>Not locked{a.failedLogonCount ? ` (${a.failedLogonCount} failed logons since the last success)` : ""}</span>
            )}
          </DetailRow>
          <DetailRow label="Open sessions">
            <div className="flex flex-wrap items-center gap-3">
              <span>
                {a.openSessions === 0
                  ? "Not logged on anywhere"
                  : `Logged on in ${a.openSessions} ${a.openSessions === 1 ? "place" : "places"}`}
              </span>
              {a.openSessions > 0 && !a.isSelf && a.role !== "POSTMASTER" ? (
                <ActionButton
                  action={signOutEverywhereAction}
                  fields={{ accountId: a.id }}
                  label="Sign out everywhere"
                  pendingText="Signing out…"
                />
              ) : null}
            </div>
          </DetailRow>
        </dl>
      </Card>

      <Card title="Password">
        <dl className="mb-4 divide-y divide-slate-100">
          <DetailRow label="Last password change">{formatUtc(a.passwordChangedAt)}</DetailRow>
          <DetailRow label="Change at next logon">{a.mustChangePassword ? "Required" : "Not required"}</DetailRow>
        </dl>
        {a.isSelf ? (
          <p className="text-sm text-slate-600">
            This is your own account. Change your password on{" "}
            <Link href="/account/change-password" className={linkClass}>
              Account Security › Change Password
            </Link>
            .
          </p>
        ) : a.role === "POSTMASTER" ? (
          <p className="text-sm text-slate-600">
            This is a postmaster account. Its password is reset by the cloud operator in the Email Console.
          </p>
        ) : (
          <ResetPasswordPanel
            key={at ?? "initial"}
            action={resetPasswordAction}
            accountId={a.id}
            address={a.address}
            weakKeywords={a.domain.weakPasswordKeywords}
            disabled={a.status === "DISABLED"}
          />
        )}
      </Card>
    </div>
  );
}
