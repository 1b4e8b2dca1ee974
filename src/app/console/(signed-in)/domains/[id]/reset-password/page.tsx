import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConsolePageHeader } from "@/components/console/console-ui";
import { ResetPostmasterForm } from "@/components/console/reset-postmaster-form";
import { idField } from "@/lib/fields";
import { requireOperator } from "@/web/guards";
import { now } from "@/server/clock";
import { getManagedDomain } from "@/server/console/get-managed-domain";
import { reauthMinutesLeft } from "@/server/console/reauth-window";
import { getRequestMeta } from "@/web/request";
import { resetPostmasterPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Reset Password" };

/** Scenario 3, steps 3–4: "Click Reset Password", then reset the postmaster's password and Submit. */
export default async function ResetPostmasterPasswordPage({ params }: { params: Promise<{ id: string }> }) {
  const operator = await requireOperator();
  const id = idField.safeParse((await params).id);
  if (!id.success) notFound();
  const result = await getManagedDomain(operator, id.data, await getRequestMeta(), "view_reset_password");
  if (!result.ok || !result.domain.postmaster) notFound();
  const d = result.domain;
  const manageHref = `/console/domains/${d.id}`;
  return (
    <>
      <ConsolePageHeader
        crumbs={[{ label: "Email Services", href: "/console" }, { label: d.name, href: manageHref }, { label: "Reset Password" }]}
        title="Reset Password"
      />
      <section className="max-w-2xl rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="border-b border-slate-200 px-5 py-3">
          <h2 className="text-base font-semibold text-slate-900">Postmaster of {d.name}</h2>
          <p className="mt-0.5 text-sm text-slate-600">
            Set a new password for the postmaster account. Its open sessions end when you submit.
          </p>
        </div>
        <div className="px-5 py-5">
          <ResetPostmasterForm
            action={resetPostmasterPasswordAction}
            domainId={d.id}
            postmasterAddress={d.postmaster!.address}
            weakKeywords={d.weakKeywords}
            reauthMinutesLeft={reauthMinutesLeft(operator.reauthAt, now().getTime())}
            cancelHref={manageHref}
          />
        </div>
      </section>
    </>
  );
}
