import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/change-password-form";
import { ClientMessages } from "@/components/client-messages";
import { ConsolePageHeader } from "@/components/console/console-ui";
import { Alert, Card } from "@/components/ui";
import { TwoStepCard } from "@/components/account/two-step-card";
import { oneOf, parseQuery, queryFlag, type RawQuery } from "@/lib/query";
import { getTwoStepSettings } from "@/server/two-step/manage-two-step";
import { requireOperator } from "@/web/guards";
import { CONSOLE_POLICY } from "@/lib/password-policy";
import {
  cancelConsoleTotpSetupAction,
  changeConsolePasswordAction,
  confirmConsoleTotpSetupAction,
  disableConsoleTotpAction,
  regenerateConsoleRecoveryCodesAction,
  startConsoleTotpSetupAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Console.password"))("title") };
}

export default async function ConsolePasswordPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const operator = await requireOperator({ allowMustChange: true });
  const { changed, totp } = parseQuery({ changed: queryFlag, totp: oneOf(["off"]) }, await searchParams);
  const [t, tAll, twoStep] = await Promise.all([
    getTranslations("Console.password"),
    getTranslations(),
    getTwoStepSettings({ owner: { kind: "cloud", id: operator.id } }),
  ]);
  return (
    <>
      <ConsolePageHeader title={t("title")} />
      <div className="max-w-2xl space-y-6">
        {changed ? <Alert kind="success">{t("changed")}</Alert> : null}
        {operator.mustChangePassword ? <Alert kind="warning">{t("mustChangeBreached")}</Alert> : null}
        <Card title={t("cardTitle")}>
          <p className="mb-4 text-sm text-slate-600">
            {t.rich("intro", {
              email: operator.email,
              b: (chunks) => <span className="break-all font-medium text-slate-800">{chunks}</span>,
            })}
          </p>
          <ClientMessages namespaces={["Fields", "Password"]}>
            <ChangePasswordForm action={changeConsolePasswordAction} email={operator.email} policy={CONSOLE_POLICY} />
          </ClientMessages>
        </Card>
        {twoStep ? (
          <ClientMessages namespaces={["Fields", "TwoStep"]}>
            <TwoStepCard
              settings={twoStep}
              notice={totp === "off" ? tAll("Account.notices.totp-disabled") : undefined}
              passwordLabel={tAll("Console.reset.consolePassword")}
              actions={{
                start: startConsoleTotpSetupAction,
                confirm: confirmConsoleTotpSetupAction,
                cancel: cancelConsoleTotpSetupAction,
                regenerate: regenerateConsoleRecoveryCodesAction,
                disable: disableConsoleTotpAction,
              }}
            />
          </ClientMessages>
        ) : null}
      </div>
    </>
  );
}
