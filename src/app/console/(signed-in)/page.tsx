import type { Metadata } from "next";
import Link from "next/link";
import { ConsolePageHeader, StatusBadge } from "@/components/console/console-ui";
import { Pagination } from "@/components/pagination";
import { formatUtcDay } from "@/lib/format";
import { linkClass } from "@/components/ui";
import { parseQuery, queryPage, queryText, type RawQuery } from "@/lib/query";
import { requireOperator } from "@/web/guards";
import { DOMAINS_PAGE_SIZE, listOperatorDomains } from "@/server/console/list-operator-domains";

export const metadata: Metadata = { title: "Email Services" };

const QUERY = { q: queryText(253), page: queryPage(100_000) };

const TH = "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const TD = "px-4 py-3 text-sm text-slate-800";

/** Scenario 3, step 2: "Find your domain name in Email Services". */
export default async function EmailServicesPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const operator = await requireOperator();
  const query = parseQuery(QUERY, await searchParams);
  const q = query.q ?? "";
  const page = query.page;
  const list = await listOperatorDomains(operator.id, { query: q, page });
  return (
    <>
      <ConsolePageHeader title="Email Services" />
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <form method="get" action="/console" role="search" className="flex items-center gap-2">
            <label htmlFor="domain-search" className="sr-only">
              Search domain names
            </label>
            <input
              id="domain-search"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={253}
              placeholder="Search domain names"
              className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-orange-500 focus:outline-none focus:ring-2 focus:ring-orange-500/30"
            />
            <button
              type="submit"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Search
            </button>
            {q ? (
              <Link href="/console" className="text-sm text-slate-500 hover:text-slate-800 hover:underline">
                Clear
              </Link>
            ) : null}
          </form>
          <p className="text-sm text-slate-500">
            {list.total} domain{list.total === 1 ? "" : "s"}
          </p>
        </div>
        <div className="relative overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200">
            <caption className="sr-only">Your email domains</caption>
            <thead className="bg-slate-50">
              <tr>
                {["Domain name", "Edition", "Accounts in use", "Status", "Created"].map((h) => (
                  <th key={h} scope="col" className={TH}>
                    {h}
                  </th>
                ))}
                <th scope="col" className={TH}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.rows.map((d) => (
                <tr key={d.id} className="hover:bg-slate-50">
                  <td className={`${TD} font-medium text-slate-900`}>{d.name}</td>
                  <td className={TD}>{d.edition}</td>
                  <td className={TD}>{d.accountsInUse}</td>
                  <td className={TD}>
                    <StatusBadge status={d.status} />
                  </td>
                  <td className={TD}>{formatUtcDay(d.createdAt)}</td>
                  <td className={`${TD} text-right`}>
                    <Link href={`/console/domains/${d.id}`} className={linkClass} aria-label={`Manage ${d.name}`}>
                      Manage
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.rows.length === 0 ? (
            <p className="px-4 py-8 text-center text-sm text-slate-500">
              {q ? `No domain name contains “${q}”.` : "You have no email domains yet."}
            </p>
          ) : null}
        </div>
        {list.pageCount > 1 ? (
          <div className="border-t border-slate-200">
            <Pagination
              basePath="/console"
              params={{ q }}
              page={list.page}
              pageCount={list.pageCount}
              total={list.total}
              pageSize={DOMAINS_PAGE_SIZE}
              noun="domains"
            />
          </div>
        ) : null}
      </section>
    </>
  );
}
