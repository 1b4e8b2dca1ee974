import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { ConsoleLogOnShell } from "@/components/console/console-log-on-shell";
import { LogOnForm } from "@/components/log-on-form";
import { oneOf, parseQuery, type RawQuery } from "@/lib/query";
import { getOperator } from "@/web/guards";
import { consoleLogOnAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Logon"))("title") };
}

/** Why the operator is here again (Console.logon.notices.*). */
const NOTICES = ["signed-out", "expired", "reauth", "two-step-ended"] as const;

export default async function ConsoleLoginPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  if (await getOperator()) redirect("/console");
  const { notice, captcha } = parseQuery({ notice: oneOf(NOTICES), captcha: oneOf(["1"]) }, await searchParams);
  const t = await getTranslations("Console");
  return (
    <ConsoleLogOnShell
      footer={t.rich("logon.mailUsersHint", {
        link: (chunks) => (
          <Link href="/login" className="text-white underline underline-offset-2 hover:text-orange-200">
            {chunks}
          </Link>
        ),
      })}
    >
      <ClientMessages namespaces={["Fields", "Logon"]}>
        <LogOnForm
          action={consoleLogOnAction}
          notice={notice ? t(`logon.notices.${notice}`) : undefined}
          captchaHref="/console/login?captcha=1"
          captchaShown={captcha === "1"}
        />
      </ClientMessages>
    </ConsoleLogOnShell>
  );
}
