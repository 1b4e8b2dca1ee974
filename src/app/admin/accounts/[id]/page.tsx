import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/action-button";
import { DetailRow, PageHeader, smallButtonClass } from "@/components/admin/admin-ui";
import { StatusBadges } from "@/components/admin/account-badges";
import { ResetPasswordPanel } from "@/components/admin/reset-password-panel";
import { ClientMessages } from "@/components/client-messages";
import { Alert, Card, linkClass } from "@/components/ui";
import { getEmployeeAccount } from "@/server/admin/get-employee-account";
import { idField } from "@/lib/fields";
import { oneOf, parseQuery, queryFlag, queryText, type RawQuery } from "@/lib/query";
import { requirePostmaster } from "@/web/guards";
import { getRequestMeta } from "@/web/request";
import { resetPasswordAction, signOutEverywhereAction, unlockAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Admin"))("account.title") };
}

const QUERY = {
  notice: oneOf(["password-reset", "unlocked", "signed-out"]),
  at: queryText(20),
  /** Reset Password opened without JavaScript (its button is a plain link-like GET form). */
  reset: queryFlag,
};

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
  const { notice, at, reset } = parseQuery(QUERY, await searchParams);
  const found = await getEmployeeAccount(user, id.data, await getRequestMeta());
  if (!found.ok) notFound();
  const a = found.account;
  const [t, format] = await Promise.all([getTranslations("Admin"), getFormatter()]);
  const muted = "text-slate-600";
  return (
    // The forms below (Unlock, Sign out everywhere, Reset Password) are client components.
    <ClientMessages namespaces={["Admin", "Password"]}>
      <div className="space-y-6">
        <PageHeader
          title={t("account.title")}
          trail={[t("nav.deptsUsers"), t("nav.employeeAccounts"), a.displayName]}
          actions={
            <Link href="/admin/accounts" className={smallButtonClass}>
              {t("account.backToList")}
            </Link>
          }
        />
        {notice ? (
          <Alert kind="success">
            {t(`account.notices.${notice}`, { address: a.address, mustChange: a.mustChangePassword ? "yes" : "no" })}
          </Alert>
        ) : null}

        <Card title={t("account.accountCard")}>
          <dl className="divide-y divide-slate-100">
            <DetailRow label={t("account.name")}>{a.displayName}</DetailRow>
            <DetailRow label={t("account.email")}>
              <span className="break-all font-mono">{a.address}</span>
            </DetailRow>
            <DetailRow label={t("account.department")}>
              {a.department ?? <span className={muted}>{t("account.noDepartment")}</span>}
            </DetailRow>
            <DetailRow label={t("account.role")}>
              {a.role === "POSTMASTER" ? t("account.rolePostmaster") : t("account.roleEmployee")}
            </DetailRow>
            <DetailRow label={t("account.status")}>
              <StatusBadges status={a.status} locked={!!a.lockedUntil} />
            </DetailRow>
            <DetailRow label={t("account.created")}>
              <time dateTime={a.createdAt.toISOString()}>{format.dateTime(a.createdAt, "stamp")}</time>
            </DetailRow>
          </dl>
        </Card>

        <Card title={t("account.securityCard")}>
          <dl className="divide-y divide-slate-100">
            <DetailRow label={t("account.secureMobile")}>
              {a.secureMobile ? (
                <span className="font-mono">{a.secureMobile}</span>
              ) : (
                <span className={muted}>{t("account.notBound")}</span>
              )}
              {!a.domain.allowSmsRecovery ? <span className={`ml-2 ${muted}`}>{t("account.smsOff")}</span> : null}
            </DetailRow>
            <DetailRow label={t("account.securityQuestions")}>
              {a.questionsSet ? t("account.questionsSet") : <span className={muted}>{t("account.questionsNotSet")}</span>}
              {!a.domain.allowQuestionRecovery ? <span className={`ml-2 ${muted}`}>{t("account.questionsOff")}</span> : null}
            </DetailRow>
            <DetailRow label={t("account.logonLock")}>
              {a.lockedUntil ? (
                <div className="flex flex-wrap items-center gap-3">
                  <span>{t("account.lockedUntil", { time: format.dateTime(a.lockedUntil, "stamp"), count: a.failedLogonCount })}</span>
                  <ActionButton
                    action={unlockAction}
                    fields={{ accountId: a.id }}
                    label={t("account.unlock")}
                    pendingText={t("account.unlocking")}
                  />
                </div>
              ) : (
                <span>{a.failedLogonCount ? t("account.notLockedFailures", { count: a.failedLogonCount }) : t("account.notLocked")}</span>
              )}
            </DetailRow>
            <DetailRow label={t("account.openSessions")}>
              <div className="flex flex-wrap items-center gap-3">
                <span>{a.openSessions === 0 ? t("account.noSessions") : t("account.sessionCount", { count: a.openSessions })}</span>
                {a.openSessions > 0 && !a.isSelf && a.role !== "POSTMASTER" ? (
                  <ActionButton
                    action={signOutEverywhereAction}
                    fields={{ accountId: a.id }}
                    label={t("account.signOutEverywhere")}
                    pendingText={t("account.signingOut")}
                  />
                ) : null}
              </div>
            </DetailRow>
          </dl>
        </Card>

        <Card title={t("account.passwordCard")}>
          <dl className="mb-4 divide-y divide-slate-100">
            <DetailRow label={t("account.lastPasswordChange")}>
              <time dateTime={a.passwordChangedAt.toISOString()}>{format.dateTime(a.passwordChangedAt, "stamp")}</time>
            </DetailRow>
            <DetailRow label={t("account.changeAtNextLogon")}>
              {a.mustChangePassword ? t("account.required") : t("account.notRequired")}
            </DetailRow>
          </dl>
          {a.isSelf ? (
            <p className="text-sm text-slate-600">
              {t.rich("account.ownAccount", {
                link: (chunks) => (
                  <Link href="/account/change-password" className={`${linkClass} underline`}>
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          ) : a.role === "POSTMASTER" ? (
            <p className="text-sm text-slate-600">{t("account.postmasterAccount")}</p>
          ) : (
            <ResetPasswordPanel
              key={at ?? "initial"}
              action={resetPasswordAction}
              accountId={a.id}
              address={a.address}
              weakKeywords={a.domain.weakPasswordKeywords}
              disabled={a.status === "DISABLED"}
              pagePath={`/admin/accounts/${encodeURIComponent(a.id)}`}
              initiallyOpen={reset}
            />
          )}
        </Card>
      </div>
    </ClientMessages>
  );
}
