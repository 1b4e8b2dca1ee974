import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/change-password-form";
import { ClientMessages } from "@/components/client-messages";
import { ConsolePageHeader } from "@/components/console/console-ui";
import { Alert, Card } from "@/components/ui";
import { parseQuery, queryFlag, type RawQuery } from "@/lib/query";
import { requireOperator } from "@/web/guards";
import { changeConsolePasswordAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Console.password"))("title") };
}

export default async function ConsolePasswordPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const operator = await requireOperator();
  const { changed } = parseQuery({ changed: queryFlag }, await searchParams);
  const t = await getTranslations("Console.password");
  return (
    <>
      <ConsolePageHeader title={t("title")} />
      <div className="max-w-2xl space-y-6">
        {changed ? <Alert kind="success">{t("changed")}</Alert> : null}
        <Card title={t("cardTitle")}>
          <p className="mb-4 text-sm text-slate-600">
            {t.rich("intro", {
              email: operator.email,
              b: (chunks) => <span className="break-all font-medium text-slate-800">{chunks}</span>,
            })}
          </p>
          <ClientMessages namespaces={["Fields", "Password"]}>
            <ChangePasswordForm action={changeConsolePasswordAction} email={operator.email} weakKeywords={[]} />
          </ClientMessages>
        </Card>
      </div>
    </>
  );
}
