import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { LogOnForm } from "@/components/log-on-form";
import { oneOf, parseQuery, type RawQuery } from "@/lib/query";
import { getOperator } from "@/web/guards";
import { consoleLogOnAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Logon"))("title") };
}

/** Why the operator is here again (Console.logon.notices.*). */
const NOTICES = ["signed-out", "expired", "reauth"] as const;

export default async function ConsoleLoginPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  if (await getOperator()) redirect("/console");
  const { notice, captcha } = parseQuery({ notice: oneOf(NOTICES), captcha: oneOf(["1"]) }, await searchParams);
  const t = await getTranslations("Console");
  return (
    <main id="main" tabIndex={-1} className="flex min-h-[calc(100vh-2.5rem)] items-center justify-center bg-slate-900 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="flex items-center justify-center gap-2 text-sm font-semibold tracking-wide text-orange-400">
            <span
              aria-hidden="true"
              className="flex h-6 w-6 items-center justify-center rounded bg-orange-700 text-xs font-bold text-white"
            >
              P
            </span>
            {t("brand")}
          </p>
          <h1 className="mt-1 text-2xl font-semibold text-white">{t("title")}</h1>
        </div>
        <div className="rounded-lg border-t-4 border-orange-500 bg-white p-6 shadow">
          <ClientMessages namespaces={["Fields", "Logon"]}>
            <LogOnForm
              action={consoleLogOnAction}
              notice={notice ? t(`logon.notices.${notice}`) : undefined}
              captchaHref="/console/login?captcha=1"
              captchaShown={captcha === "1"}
            />
          </ClientMessages>
        </div>
        <p className="mt-4 text-center text-xs text-slate-300">
          {t.rich("logon.mailUsersHint", {
            link: (chunks) => (
              <Link href="/login" className="text-white underline underline-offset-2 hover:text-orange-200">
                {chunks}
              </Link>
            ),
          })}
        </p>
      </div>
    </main>
  );
}
