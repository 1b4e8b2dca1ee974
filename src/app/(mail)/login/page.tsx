import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { LogOnForm } from "@/components/log-on-form";
import { LogOnShell } from "@/components/log-on-shell";
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
    <LogOnShell
      heading={t("Logon.heading")}
      footer={
        <p className="text-xs text-slate-600">
          {t.rich("Logon.operatorsHint", {
            link: (chunks) => (
              <a className="underline" href="/console/login">
                {chunks}
              </a>
            ),
          })}
        </p>
      }
    >
      <ClientMessages namespaces={["Fields", "Logon"]}>
        <LogOnForm
          action={logOnAction}
          forgotPasswordHref="/forgot-password"
          notice={notice ? t(`Logon.notices.${notice}`) : undefined}
          captchaHref="/login?captcha=1"
          captchaShown={captcha === "1"}
        />
      </ClientMessages>
    </LogOnShell>
  );
}
