import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/action-button";
import { DetailRow, PageHeader, smallButtonClass } from "@/components/admin/admin-ui";
import { MUST_CHANGE_REASON, StatusBadges } from "@/components/admin/account-badges";
import { AccountDetailsForm } from "@/components/admin/account-details-form";
import { ResetPasswordPanel } from "@/components/admin/reset-password-panel";
import { ClientMessages } from "@/components/client-messages";
import { Alert, Card, dangerButtonClass, dangerSolidButtonClass, linkClass, secondaryButtonClass } from "@/components/ui";
import { getEmployeeAccount } from "@/server/admin/get-employee-account";
import { listDepartments } from "@/server/admin/list-departments";
import { oneOf, parseQuery, queryFlag, queryText } from "@/lib/query";
import { requirePostmaster } from "@/web/guards";
import { getRequestMeta } from "@/web/request";
import { routeId, type IdPageProps } from "@/web/route-id";
import { accountAction, resetPasswordAction, saveAccountDetailsAction, signOutEverywhereAction, unlockAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Admin"))("account.title") };
}

/** The actions that ask first (?confirm=…): the page shows what will happen, then one button. */
const CONFIRMED = ["disable", "enable", "remove_mobile", "clear_questions", "require_change"] as const;

const QUERY = {
  notice: oneOf([
    "password-reset",
    "unlocked",
    "signed-out",
    "disabled",
    "enabled",
    "mobile-removed",
    "questions-cleared",
    "change-required",
    "details-saved",
    "unchanged",
  ]),
  confirm: oneOf(CONFIRMED),
  at: queryText(20),
  /** Reset Password opened without JavaScript (its button is a plain link-like GET form). */
  reset: queryFlag,
};

const muted = "text-slate-600";

export default async function EditAccountPage({ params, searchParams }: IdPageProps) {
  const user = await requirePostmaster();
  const accountId = await routeId(params);
  const { notice, at, reset, confirm } = parseQuery(QUERY, await searchParams);
  const found = await getEmployeeAccount({ postmaster: user.pm, accountId }, await getRequestMeta());
  if (!found.ok) notFound();
  const a = found.account;
  const [t, format, tree] = await Promise.all([getTranslations("Admin"), getFormatter(), listDepartments({ domainId: user.domainId })]);
  const pagePath = `/admin/accounts/${encodeURIComponent(a.id)}`;
  /** Status, recovery info, sessions and the password flag are the postmaster's to change for employees only. */
  const employee = !a.isSelf && a.role !== "POSTMASTER";
  const ask = (action: (typeof CONFIRMED)[number], label: string, danger = false) => (
    <Link href={`${pagePath}?confirm=${action}`} className={danger ? dangerButtonClass : smallButtonClass}>
      {label}
    </Link>
  );
  const CONFIRM_LABEL = {
    disable: t("account.disable"),
    enable: t("account.enable"),
    remove_mobile: t("account.removeMobile"),
    clear_questions: t("account.clearQuestions"),
    require_change: t("account.requireChange"),
  } as const;
  return (
    // The forms below (Unlock, Sign out everywhere, Reset Password) are client components.
    <ClientMessages namespaces={["Admin.account", "Admin.reset", "Password"]}>
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

        {confirm && employee ? (
          <section aria-labelledby="confirm-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4 shadow-sm">
            <h2 id="confirm-title" className="text-base font-semibold text-slate-900">
              {t("account.confirmTitle")}
            </h2>
            <p className="mt-2 text-sm text-slate-800">
              {t(`account.confirm.${confirm}`, { name: a.displayName, address: a.address, phone: a.secureMobile ?? "" })}
            </p>
            <div className="mt-4 flex flex-wrap items-center gap-3">
              <ActionButton
                action={accountAction}
                fields={{ accountId: a.id, action: confirm }}
                label={CONFIRM_LABEL[confirm]}
                pendingText={t("account.working")}
                className={confirm === "enable" || confirm === "require_change" ? secondaryButtonClass : dangerSolidButtonClass}
              />
              <Link href={pagePath} className={`text-sm ${linkClass}`}>
                {t("account.cancel")}
              </Link>
            </div>
          </section>
        ) : null}

        <Card title={t("account.detailsCard")}>
          <AccountDetailsForm
            key={notice ?? "form"}
            action={saveAccountDetailsAction}
            accountId={a.id}
            displayName={a.displayName}
            departmentId={a.departmentId}
            departments={tree.departments.map((d) => ({ id: d.id, name: d.name, depth: d.depth }))}
          />
          <dl className="mt-4 divide-y divide-slate-100 border-t border-slate-100">
            <DetailRow label={t("account.email")}>
              <span className="break-all font-mono">{a.address}</span>
            </DetailRow>
            <DetailRow label={t("account.role")}>
              {a.role === "POSTMASTER" ? t("account.rolePostmaster") : t("account.roleEmployee")}
            </DetailRow>
            <DetailRow label={t("account.created")}>
              <time dateTime={a.createdAt.toISOString()}>{format.dateTime(a.createdAt, "stamp")}</time>
            </DetailRow>
            <DetailRow label={t("accounts.columns.lastLogon")}>
              {a.lastLogonAt ? (
                <time dateTime={a.lastLogonAt.toISOString()}>{format.dateTime(a.lastLogonAt, "stamp")}</time>
              ) : (
                <span className={muted}>{t("accounts.never")}</span>
              )}
            </DetailRow>
          </dl>
        </Card>

        <Card title={t("account.statusCard")}>
          <dl className="divide-y divide-slate-100">
            <DetailRow label={t("account.status")}>
              <div className="flex flex-wrap items-center gap-3">
                <StatusBadges status={a.status} locked={!!a.lockedUntil} />
                {employee
                  ? a.status === "ACTIVE"
                    ? ask("disable", t("account.disable"), true)
                    : ask("enable", t("account.enable"))
                  : null}
              </div>
            </DetailRow>
          </dl>
          {!employee ? <p className="mt-3 text-sm text-slate-600">{t("account.employeesOnly")}</p> : null}
        </Card>

        <Card title={t("account.recoveryCard")}>
          <dl className="divide-y divide-slate-100">
            <MethodRow
              label={t("account.secureMobile")}
              value={a.secureMobile ? <span className="font-mono">{a.secureMobile}</span> : null}
              unset={t("account.notBound")}
              off={!a.domain.allowSmsRecovery && t("account.smsOff")}
            >
              {employee && a.secureMobile ? ask("remove_mobile", t("account.removeMobile"), true) : null}
            </MethodRow>
            <MethodRow
              label={t("account.backupEmail")}
              value={a.backupEmail ? <span className="font-mono">{a.backupEmail}</span> : null}
              unset={t("account.notBound")}
              off={!a.domain.allowEmailRecovery && t("account.emailOff")}
            />
            <MethodRow
              label={t("account.securityQuestions")}
              value={a.questionsSet ? <span>{t("account.questionsSet")}</span> : null}
              unset={t("account.questionsNotSet")}
              off={!a.domain.allowQuestionRecovery && t("account.questionsOff")}
            >
              {employee && a.hasQuestions ? ask("clear_questions", t("account.clearQuestions"), true) : null}
            </MethodRow>
          </dl>
        </Card>

        <Card title={t("account.securityCard")}>
          <dl className="divide-y divide-slate-100">
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
                {a.openSessions > 0 && employee ? (
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
              <div className="flex flex-wrap items-center gap-3">
                <span>
                  {a.mustChangePassword
                    ? `${t("account.required")} (${t(MUST_CHANGE_REASON[a.mustChangeReason ?? "unknown"])})`
                    : t("account.notRequired")}
                </span>
                {employee && !a.mustChangePassword ? ask("require_change", t("account.requireChange")) : null}
              </div>
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
              policy={a.policy}
              disabled={a.status === "DISABLED"}
              pagePath={pagePath}
              initiallyOpen={reset}
            />
          )}
        </Card>
      </div>
    </ClientMessages>
  );
}

/** One recovery method of the account: what is set (or a muted "not set"), whether the domain turned it off, its button. */
function MethodRow(props: { label: string; value: ReactNode; unset: string; off: string | false; children?: ReactNode }) {
  return (
    <DetailRow label={props.label}>
      <div className="flex flex-wrap items-center gap-3">
        {props.value ?? <span className={muted}>{props.unset}</span>}
        {props.off ? <span className={muted}>{props.off}</span> : null}
        {props.children}
      </div>
    </DetailRow>
  );
}
