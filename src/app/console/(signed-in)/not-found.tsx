import Link from "next/link";
import { useTranslations } from "next-intl";
import { linkClass } from "@/components/ui";

export default function ConsoleNotFound() {
  const t = useTranslations("Console.notFound");
  return (
    <section className="rounded-lg border border-slate-200 bg-white px-6 py-10 text-center shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("text")}</p>
      <p className="mt-4 text-sm">
        <Link href="/console" className={`${linkClass} underline`}>
          {t("back")}
        </Link>
      </p>
    </section>
  );
}
