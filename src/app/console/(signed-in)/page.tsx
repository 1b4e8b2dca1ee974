import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConsolePageHeader, EditionName, StatusBadge } from "@/components/console/console-ui";
import { Pagination } from "@/components/pagination";
import { linkClass, TableScroller } from "@/components/ui";
import { parseQuery, queryPage, queryText, type RawQuery } from "@/lib/query";
import { requireOperator } from "@/web/guards";
import { DOMAINS_PAGE_SIZE, listOperatorDomains } from "@/server/console/list-operator-domains";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Console.domains"))("title") };
}

const QUERY = { q: queryText(253), page: queryPage(100_000) };

const TH = "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-slate-700 whitespace-nowrap";
const TD = "px-4 py-3 text-sm text-slate-800";
const COLUMNS = ["name", "edition", "accountsInUse", "status", "created"] as const;

/** Scenario 3, step 2: "Find your domain name in Email Services" (邮箱列表). A plain GET search: no JavaScript needed. */
export default async function EmailServicesPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const operator = await requireOperator();
  const query = parseQuery(QUERY, await searchParams);
  const q = query.q ?? "";
  const page = query.page;
  const list = await listOperatorDomains(operator.id, { query: q, page });
  const [t, format] = await Promise.all([getTranslations("Console.domains"), getFormatter()]);
  return (
    <>
      <ConsolePageHeader title={t("title")} />
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <form method="get" action="/console" role="search" className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
            <label htmlFor="domain-search" className="sr-only">
              {t("searchLabel")}
            </label>
            <input
              id="domain-search"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={253}
              placeholder={t("searchLabel")}
              className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-orange-600 focus:outline-none focus:ring-2 focus:ring-orange-600/30 sm:w-64 sm:flex-none"
            />
            <button
              type="submit"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-orange-600/40"
            >
              {t("search")}
            </button>
            {q ? (
              <Link href="/console" className="text-sm text-slate-700 underline underline-offset-2 hover:text-slate-900">
                {t("clear")}
              </Link>
            ) : null}
          </form>
          <p className="text-sm text-slate-600">{t("count", { count: list.total })}</p>
        </div>
        <TableScroller label={t("caption")}>
          <table className="min-w-full divide-y divide-slate-200">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="bg-slate-50">
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c} scope="col" className={TH}>
                    {t(`columns.${c}`)}
                  </th>
                ))}
                <th scope="col" className={TH}>
                  <span className="sr-only">{t("columns.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.rows.map((d) => (
                <tr key={d.id} className="hover:bg-slate-50">
                  <td className={`${TD} font-medium text-slate-900`}>{d.name}</td>
                  <td className={TD}>
                    <EditionName edition={d.edition} />
                  </td>
                  <td className={TD}>{format.number(d.accountsInUse)}</td>
                  <td className={TD}>
                    <StatusBadge status={d.status} />
                  </td>
                  <td className={`${TD} whitespace-nowrap`}>{format.dateTime(d.createdAt, "day")}</td>
                  <td className={`${TD} text-right`}>
                    <Link href={`/console/domains/${d.id}`} className={linkClass} aria-label={t("manageLabel", { name: d.name })}>
                      {t("manage")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.rows.length === 0 ? (
            <p className="px-4 py-8 text-center text-sm text-slate-600">{q ? t("noMatch", { query: q }) : t("empty")}</p>
          ) : null}
        </TableScroller>
        {list.pageCount > 1 ? (
          <div className="border-t border-slate-200">
            <Pagination
              basePath="/console"
              params={{ q }}
              page={list.page}
              pageCount={list.pageCount}
              total={list.total}
              pageSize={DOMAINS_PAGE_SIZE}
              noun={t("noun")}
            />
          </div>
        ) : null}
      </section>
    </>
  );
}
