import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { ConsolePageHeader } from "@/components/console/console-ui";
import { ResetPostmasterForm } from "@/components/console/reset-postmaster-form";
import { idField } from "@/lib/fields";
import { requireOperator } from "@/web/guards";
import { now } from "@/server/clock";
import { getManagedDomain } from "@/server/console/get-managed-domain";
import { reauthMinutesLeft } from "@/server/console/reauth-window";
import { getRequestMeta } from "@/web/request";
import { resetPostmasterPasswordAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Console.reset"))("title") };
}

/** Scenario 3, steps 3–4: "Click Reset Password" (重置密码), then reset the postmaster's password and Submit (提交). */
export default async function ResetPostmasterPasswordPage({ params }: { params: Promise<{ id: string }> }) {
  const operator = await requireOperator();
  const id = idField.safeParse((await params).id);
  if (!id.success) notFound();
  const result = await getManagedDomain(operator, id.data, await getRequestMeta(), "view_reset_password");
  if (!result.ok || !result.domain.postmaster) notFound();
  const d = result.domain;
  const manageHref = `/console/domains/${d.id}`;
  const [t, tc] = await Promise.all([getTranslations("Console.reset"), getTranslations("Console")]);
  return (
    <>
      <ConsolePageHeader
        crumbs={[{ label: tc("domains.title"), href: "/console" }, { label: d.name, href: manageHref }, { label: t("title") }]}
        title={t("title")}
      />
      <section className="max-w-2xl rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="border-b border-slate-200 px-5 py-3">
          <h2 className="break-words text-base font-semibold text-slate-900">{t("heading", { domain: d.name })}</h2>
          <p className="mt-0.5 text-sm text-slate-600">{t("intro")}</p>
        </div>
        <div className="px-5 py-5">
          <ClientMessages namespaces={["Console", "Password"]}>
            <ResetPostmasterForm
              action={resetPostmasterPasswordAction}
              domainId={d.id}
              postmasterAddress={d.postmaster!.address}
              weakKeywords={d.weakKeywords}
              reauthMinutesLeft={reauthMinutesLeft(operator.reauthAt, now().getTime())}
              cancelHref={manageHref}
            />
          </ClientMessages>
        </div>
      </section>
    </>
  );
}
