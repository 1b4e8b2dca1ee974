import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { LogOnForm } from "@/components/log-on-form";
import { oneOf, parseQuery, type RawQuery } from "@/lib/query";
import { requireAnonymousMail } from "@/web/guards";
import { logOnAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Logon"))("title") };
}

const NOTICES = ["signed-out", "password-changed", "reauth-failed", "two-step-ended"] as const;

export default async function LoginPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  await requireAnonymousMail();
  const { notice, captcha } = parseQuery({ notice: oneOf(NOTICES), captcha: oneOf(["1"]) }, await searchParams);
  const t = await getTranslations();
  return (
    <main id="main" tabIndex={-1} className="flex min-h-[calc(100vh-2.5rem)] items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-wide text-blue-700">{t("Common.appName")}</p>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900">{t("Logon.heading")}</h1>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <ClientMessages namespaces={["Fields", "Logon"]}>
            <LogOnForm
              action={logOnAction}
              forgotPasswordHref="/forgot-password"
              notice={notice ? t(`Logon.notices.${notice}`) : undefined}
              captchaHref="/login?captcha=1"
              captchaShown={captcha === "1"}
            />
          </ClientMessages>
        </div>
        <p className="mt-6 text-center text-xs text-slate-600">
          {t.rich("Logon.operatorsHint", {
            link: (chunks) => (
              <a className="underline" href="/console/login">
                {chunks}
              </a>
            ),
          })}
        </p>
      </div>
    </main>
  );
}
