import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { linkClass } from "@/components/ui";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Common.notFound"))("title") };
}

/** Any address the app does not have, in the reader's language. */
export default async function NotFound() {
  const t = await getTranslations("Common.notFound");
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("text")}</p>
      <p className="mt-6 text-sm">
        <a href="/login" className={`${linkClass} underline`}>
          {t("back")}
        </a>
      </p>
    </main>
  );
}
