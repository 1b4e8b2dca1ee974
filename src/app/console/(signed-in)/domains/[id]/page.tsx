import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Alert, buttonClass, Card, secondaryButtonClass } from "@/components/ui";
import { ConsolePageHeader, DetailList, EditionName, StatusBadge } from "@/components/console/console-ui";
import { keyOf, parseQuery } from "@/lib/query";
import { requireOperator } from "@/web/guards";
import { getManagedDomain } from "@/server/console/get-managed-domain";
import { getRequestMeta } from "@/web/request";
import { routeId, type IdPageProps } from "@/web/route-id";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Console.domain"))("title") };
}

/** Scenario 3, step 2: the domain's Manage page (管理), with the Reset Password button (重置密码) of step 3. */
export default async function ManageDomainPage({ params, searchParams }: IdPageProps) {
  const operator = await requireOperator();
  const result = await getManagedDomain({ operator, domainId: await routeId(params) }, await getRequestMeta());
  if (!result.ok) notFound();
  const d = result.domain;
  const pm = d.postmaster;
  const { reset, mobile } = parseQuery({ reset: keyOf({ done: true }), mobile: keyOf({ done: true }) }, await searchParams);
  const [t, tc, tm, format] = await Promise.all([
    getTranslations("Console.domain"),
    getTranslations("Console"),
    getTranslations("Console.mobile"),
    getFormatter(),
  ]);
  return (
    <>
      <ConsolePageHeader
        crumbs={[{ label: tc("domains.title"), href: "/console" }, { label: d.name }]}
        title={d.name}
        actions={
          pm ? (
            <div className="flex flex-wrap gap-2">
              <Link href={`/console/domains/${d.id}/reset-password`} className={buttonClass}>
                {t("resetPassword")}
              </Link>
              <Link href={`/console/domains/${d.id}/reset-mobile`} className={secondaryButtonClass}>
                {t("resetMobile")}
              </Link>
            </div>
          ) : null
        }
      />
      <div className="space-y-6">
        {reset === "done" ? (
          <Alert kind="success">
            <p className="font-semibold">{t("resetDone")}</p>
            <p className="mt-1">{t("resetDoneDetail")}</p>
          </Alert>
        ) : null}
        {mobile === "done" ? (
          <Alert kind="success">
            <p className="font-semibold">{tm("done")}</p>
            <p className="mt-1">{tm("doneDetail")}</p>
          </Alert>
        ) : null}
        <Card title={t("overview")}>
          <DetailList
            items={[
              { label: tc("domains.columns.name"), value: <span className="break-all">{d.name}</span> },
              { label: tc("domains.columns.edition"), value: <EditionName edition={d.edition} /> },
              { label: tc("domains.columns.status"), value: <StatusBadge status={d.status} /> },
              { label: tc("domains.columns.accountsInUse"), value: format.number(d.accountsInUse) },
              { label: tc("domains.columns.created"), value: format.dateTime(d.createdAt, "day") },
            ]}
          />
        </Card>
        <Card title={t("postmasterAccount")}>
          {pm ? (
            <>
              <DetailList
                items={[
                  { label: t("postmasterAddress"), value: <span className="break-all">{pm.address}</span> },
                  { label: t("passwordChangedAt"), value: format.dateTime(pm.passwordChangedAt, "stamp") },
                  {
                    label: t("secureMobile"),
                    value: pm.secureMobile ? t("mobileBound", { mobile: pm.secureMobile }) : t("mobileNotBound"),
                  },
                  {
                    label: t("accountStatus"),
                    value: !pm.active
                      ? t("accountDisabled")
                      : pm.lockedUntil
                        ? t("accountLocked", { time: format.dateTime(pm.lockedUntil, "stamp") })
                        : t("accountActive"),
                  },
                  { label: t("mustChange"), value: pm.mustChangePassword ? t("mustChangeRequired") : t("mustChangeNotRequired") },
                ]}
              />
              <p className="mt-5 border-t border-slate-100 pt-4 text-sm text-slate-600">
                {t.rich("resetHelp", { b: (chunks) => <span className="font-medium text-slate-800">{chunks}</span> })}
              </p>
            </>
          ) : (
            <p className="text-sm text-slate-600">{tc("errors.no_postmaster")}</p>
          )}
        </Card>
      </div>
    </>
  );
}
