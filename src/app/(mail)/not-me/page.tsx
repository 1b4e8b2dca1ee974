import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LogOnShell } from "@/components/log-on-shell";
import { buttonClass } from "@/components/ui";
import { parseQuery, queryFlag, type RawQuery } from "@/lib/query";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("NotMe"))("title") };
}

/** After "This wasn't me": what was done and what to do next (?done=1); without it, a link that is not complete. */
export default async function NotMeDonePage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const { done } = parseQuery({ done: queryFlag }, await searchParams);
  const t = await getTranslations("NotMe");
  return (
    <LogOnShell heading={t("heading")}>
      {done ? (
        <div className="space-y-4 text-sm text-slate-700">
          <p role="status" className="font-medium text-green-800">
            {t("done")}
          </p>
          <p>{t("next")}</p>
          <Link href="/login" className={buttonClass}>
            {t("logOn")}
          </Link>
        </div>
      ) : (
        <p className="text-sm text-slate-700">{t("invalid")}</p>
      )}
    </LogOnShell>
  );
}
