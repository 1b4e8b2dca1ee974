import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";

/**
 * Previous / next links that keep the table's other query parameters.
 * `noun` is the rows' name, already in the reader's language, as a bare plural
 * ("accounts"; in Chinese without a measure word: "帐号").
 */
export async function Pagination({
  basePath,
  params,
  page,
  pageCount,
  total,
  pageSize,
  noun,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  noun: string;
}) {
  const [t, format] = await Promise.all([getTranslations("Admin"), getFormatter()]);
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  const n = (value: number) => format.number(value);
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const link =
    "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-blue-600/30";
  const off = "rounded-md border border-slate-200 bg-slate-100 px-3 py-1.5 text-sm text-slate-600";
  return (
    <nav aria-label={t("pagination.label")} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
      <p className="text-sm text-slate-600">
        {total === 0 ? t("pagination.none", { noun }) : t("pagination.range", { first: n(first), last: n(last), total: n(total), noun })}
        {pageCount > 1 ? ` · ${t("pagination.page", { page: n(page), pageCount: n(pageCount) })}` : ""}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={link} href={href(page - 1)} rel="prev">
            {t("pagination.previous")}
          </Link>
        ) : (
          <span className={off} aria-disabled="true">
            {t("pagination.previous")}
          </span>
        )}
        {page < pageCount ? (
          <Link className={link} href={href(page + 1)} rel="next">
            {t("pagination.next")}
          </Link>
        ) : (
          <span className={off} aria-disabled="true">
            {t("pagination.next")}
          </span>
        )}
      </div>
    </nav>
  );
}
