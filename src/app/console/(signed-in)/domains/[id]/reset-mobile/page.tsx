import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { phoneCountryOptions } from "@/components/account/phone-countries";
import { ClientMessages } from "@/components/client-messages";
import { DomainTask } from "@/components/console/console-ui";
import { ResetMobileCodeForm, ResetMobileNumberForm } from "@/components/console/reset-mobile-forms";
import { Alert, linkClass } from "@/components/ui";
import { getEnv } from "@/env";
import { maskPhone } from "@/lib/phone";
import { keyOf, parseQuery } from "@/lib/query";
import { SMS_CODE } from "@/lib/sms-code";
import { now } from "@/server/clock";
import { reauthMinutesLeft } from "@/server/console/reauth-window";
import { getPendingPostmasterMobileReset } from "@/server/console/reset-postmaster-mobile";
import { requireOperator } from "@/web/guards";
import { getRequestMeta } from "@/web/request";
import { routeId, type IdPageProps } from "@/web/route-id";
import { confirmPostmasterMobileResetAction, startPostmasterMobileResetAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Console.mobile"))("title") };
}

/**
 * Email Console > Email Services > Manage > Reset Secure Mobile (重置安全手机):
 * the new number and the console password, then the code it received and Submit.
 * `?step=number` goes back to the number (another number, or a new code).
 */
export default async function ResetPostmasterMobilePage({ params, searchParams }: IdPageProps) {
  const operator = await requireOperator();
  const found = await getPendingPostmasterMobileReset({ operator, domainId: await routeId(params) }, await getRequestMeta());
  if (!found) notFound();
  const { domain, postmaster, pending } = found;
  const { step } = parseQuery({ step: keyOf({ number: true }) }, await searchParams);
  const manageHref = `/console/domains/${domain.id}`;
  const pageHref = `${manageHref}/reset-mobile`;
  const [t, tr, locale] = await Promise.all([getTranslations("Console.mobile"), getTranslations("Console.reset"), getLocale()]);
  const minutesLeft = reauthMinutesLeft(operator.reauthAt, now().getTime());
  const current = postmaster.secureMobile && postmaster.secureMobileVerifiedAt ? maskPhone(postmaster.secureMobile) : null;
  const showCode = pending && step !== "number";
  const defaultCountry = getEnv().DEFAULT_PHONE_COUNTRY;
  return (
    <DomainTask
      domain={domain}
      title={t("title")}
      heading={t("heading", { domain: domain.name })}
      intro={t("intro")}
      bodyClassName="space-y-5 px-5 py-5"
    >
      <div>
        <p className="text-sm font-medium text-slate-700">{tr("postmasterAccount")}</p>
        <p className="mt-1 break-all font-mono text-sm text-slate-900">{postmaster.address}</p>
        <p className="mt-3 text-sm font-medium text-slate-700">{t("current")}</p>
        <p className="mt-1 font-mono text-sm text-slate-900">{current ?? t("none")}</p>
      </div>
      <ClientMessages namespaces={["Console", "Account", "Sms"]}>
        {showCode ? (
          <div className="space-y-4 border-t border-slate-200 pt-5">
            {pending.state === "active" ? (
              <>
                <Alert kind="info">
                  {t("sent", { digits: SMS_CODE.digits, phone: pending.maskedPhone, minutes: SMS_CODE.ttlMs / 60_000 })}
                </Alert>
                <ResetMobileCodeForm action={confirmPostmasterMobileResetAction} domainId={domain.id} />
              </>
            ) : (
              <Alert kind="warning">
                {t(`states.${pending.state === "expired" ? "expired" : "voided"}`, { phone: pending.maskedPhone })}
              </Alert>
            )}
            <Link href={`${pageHref}?step=number`} className={`text-sm ${linkClass}`}>
              {t("otherNumber")}
            </Link>
          </div>
        ) : (
          <div className="border-t border-slate-200 pt-5">
            <ResetMobileNumberForm
              action={startPostmasterMobileResetAction}
              domainId={domain.id}
              countries={phoneCountryOptions(defaultCountry, locale)}
              defaultCountry={defaultCountry}
              consolePasswordHint={minutesLeft > 0 ? tr("hintConfirmedRecently", { minutes: minutesLeft }) : tr("hintAsk")}
              cancelHref={manageHref}
            />
          </div>
        )}
      </ClientMessages>
    </DomainTask>
  );
}
