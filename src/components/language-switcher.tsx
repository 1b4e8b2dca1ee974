import { getLocale, getTranslations } from "next-intl/server";
import { LOCALES, LOCALE_NAMES } from "@/lib/locale";

/**
 * English / 简体中文 on every page: one form, a button per language (no
 * JavaScript needed). Each name is in its own language and marked so.
 */
export async function LanguageSwitcher({ action }: { action: (formData: FormData) => Promise<void> }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("Common")]);
  return (
    <form action={action} className="flex items-center gap-1 text-xs">
      <span className="sr-only">{t("language")}:</span>
      {LOCALES.map((l, i) => (
        <span key={l} className="flex items-center gap-1">
          {i > 0 ? (
            <span aria-hidden="true" className="text-slate-400">
              |
            </span>
          ) : null}
          <button
            type="submit"
            name="locale"
            value={l}
            lang={l}
            aria-current={l === locale ? "true" : undefined}
            className={`rounded px-1.5 py-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 ${
              l === locale ? "font-semibold text-slate-900" : "text-blue-800 underline hover:text-blue-950"
            }`}
          >
            {LOCALE_NAMES[l]}
          </button>
        </span>
      ))}
    </form>
  );
}
