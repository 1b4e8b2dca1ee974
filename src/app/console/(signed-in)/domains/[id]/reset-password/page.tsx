import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { DomainTask } from "@/components/console/console-ui";
import { ResetPostmasterForm } from "@/components/console/reset-postmaster-form";
import { requireOperator } from "@/web/guards";
import { now } from "@/server/clock";
import { getManagedDomain } from "@/server/console/get-managed-domain";
import { reauthMinutesLeft } from "@/server/console/reauth-window";
import { getRequestMeta } from "@/web/request";
import { routeId, type IdPageProps } from "@/web/route-id";
import { resetPostmasterPasswordAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Console.reset"))("title") };
}

/** Scenario 3, steps 3–4: "Click Reset Password" (重置密码), then reset the postmaster's password and Submit (提交). */
export default async function ResetPostmasterPasswordPage({ params }: Pick<IdPageProps, "params">) {
  const operator = await requireOperator();
  const result = await getManagedDomain(
    { operator: operator, domainId: await routeId(params), attempted: "view_reset_password" },
    await getRequestMeta(),
  );
  if (!result.ok || !result.domain.postmaster) notFound();
  const d = result.domain;
  const manageHref = `/console/domains/${d.id}`;
  const t = await getTranslations("Console.reset");
  return (
    <DomainTask domain={d} title={t("title")} heading={t("heading", { domain: d.name })} intro={t("intro")} bodyClassName="px-5 py-5">
      <ClientMessages namespaces={["Console", "Password"]}>
        <ResetPostmasterForm
          action={resetPostmasterPasswordAction}
          domainId={d.id}
          postmasterAddress={d.postmaster!.address}
          policy={d.policy}
          reauthMinutesLeft={reauthMinutesLeft(operator.reauthAt, now().getTime())}
          cancelHref={manageHref}
        />
      </ClientMessages>
    </DomainTask>
  );
}
