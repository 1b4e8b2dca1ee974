import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { SecondStepForms } from "@/components/two-step/second-step-forms";
import { getTwoStepView } from "@/server/two-step/two-step-logon";
import { requireAnonymousMail } from "@/web/guards";
import { readPendingTwoStep } from "@/web/two-step-cookie";
import { sendLogonCodeAction, verifySecondStepAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("TwoStep"))("title") };
}

/** Log On, second step: after the right password of an account with two-step logon. */
export default async function TwoStepPage() {
  await requireAnonymousMail();
  const view = await getTwoStepView(await readPendingTwoStep());
  if (!view) redirect("/login?notice=two-step-ended");
  const t = await getTranslations();
  return (
    <main id="main" tabIndex={-1} className="flex min-h-[calc(100vh-2.5rem)] items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-wide text-blue-700">{t("Common.appName")}</p>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900">{t("TwoStep.title")}</h1>
          <p className="mt-2 text-sm text-slate-600">{t("TwoStep.intro", { address: view.address })}</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <ClientMessages namespaces={["TwoStep", "Recovery", "Sms"]}>
            <SecondStepForms
              key={view.sentAt ?? "none"}
              methods={view.methods}
              codeSent={view.codeSent}
              resendInMs={view.resendInMs}
              actions={{ sendCode: sendLogonCodeAction, verify: verifySecondStepAction }}
            />
          </ClientMessages>
        </div>
        <p className="mt-6 text-center text-sm">
          <a className="font-medium text-blue-700 underline-offset-2 hover:underline" href="/login">
            {t("TwoStep.otherAccount")}
          </a>
        </p>
      </div>
    </main>
  );
}
