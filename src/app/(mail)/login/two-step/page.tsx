import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { LogOnShell } from "@/components/log-on-shell";
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
  const view = await getTwoStepView({ pending: await readPendingTwoStep("mail") });
  if (!view) redirect("/login?notice=two-step-ended");
  const t = await getTranslations();
  return (
    <LogOnShell
      heading={t("TwoStep.title")}
      intro={t("TwoStep.intro", { address: view.address })}
      footer={
        <a className="text-sm font-medium text-blue-700 underline-offset-2 hover:underline" href="/login">
          {t("TwoStep.otherAccount")}
        </a>
      }
    >
      <ClientMessages namespaces={["TwoStep", "Recovery", "Sms"]}>
        <SecondStepForms
          key={view.sentAt ?? "none"}
          methods={view.methods}
          codeSent={view.codeSent}
          resendInMs={view.resendInMs}
          actions={{ sendCode: sendLogonCodeAction, verify: verifySecondStepAction }}
        />
      </ClientMessages>
    </LogOnShell>
  );
}
