import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { ConsoleLogOnShell } from "@/components/console/console-log-on-shell";
import { SecondStepForms } from "@/components/two-step/second-step-forms";
import { getTwoStepView } from "@/server/two-step/two-step-logon";
import { getOperator } from "@/web/guards";
import { readPendingTwoStep } from "@/web/two-step-cookie";
import { sendConsoleLogonCodeAction, verifyConsoleSecondStepAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("TwoStep"))("title") };
}

/** Email Console > Log On, second step: an operator that turned on its authenticator app. */
export default async function ConsoleTwoStepPage() {
  if (await getOperator()) redirect("/console");
  const view = await getTwoStepView({ pending: await readPendingTwoStep("cloud") });
  if (!view) redirect("/console/login?notice=two-step-ended");
  const t = await getTranslations("TwoStep");
  return (
    <ConsoleLogOnShell
      intro={t("intro", { address: view.address })}
      footer={
        <Link href="/console/login" className="text-white underline underline-offset-2 hover:text-orange-200">
          {t("otherAccount")}
        </Link>
      }
    >
      <ClientMessages namespaces={["TwoStep", "Recovery", "Sms"]}>
        <SecondStepForms
          methods={view.methods}
          codeSent={view.codeSent}
          resendInMs={view.resendInMs}
          actions={{ sendCode: sendConsoleLogonCodeAction, verify: verifyConsoleSecondStepAction }}
        />
      </ClientMessages>
    </ConsoleLogOnShell>
  );
}
