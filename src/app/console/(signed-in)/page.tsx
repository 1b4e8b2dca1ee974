import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConsolePageHeader, EditionName, StatusBadge } from "@/components/console/console-ui";
import { AdminTable } from "@/components/admin/admin-table";
import { linkClass } from "@/components/ui";
import { parseQuery, queryPage, queryText, type RawQuery } from "@/lib/query";
import { requireOperator } from "@/web/guards";
import { DOMAINS_PAGE_SIZE, listOperatorDomains } from "@/server/console/list-operator-domains";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Console.domains"))("title") };
}

const QUERY = { q: queryText(253), page: queryPage(100_000) };

const TD = "px-4 py-3 text-sm text-slate-800";
const COLUMNS = ["name", "edition", "accountsInUse", "status", "created"] as const;

/** Scenario 3, step 2: "Find your domain name in Email Services" (邮箱列表). A plain GET search: no JavaScript needed. */
export default async function EmailServicesPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const operator = await requireOperator();
  const query = parseQuery(QUERY, await searchParams);
  const q = query.q ?? "";
  const page = query.page;
  const list = await listOperatorDomains({ operatorId: operator.id, query: q, page });
  const [t, format] = await Promise.all([getTranslations("Console.domains"), getFormatter()]);
  return (
    <>
      <ConsolePageHeader title={t("title")} />
      <AdminTable
        look="console"
        label={t("caption")}
        caption={t("caption")}
        search={{
          action: "/console",
          field: { id: "domain-search", name: "q", label: t("searchLabel"), value: q, maxLength: 253, placeholder: t("searchLabel") },
          submit: t("search"),
          clear: q ? { href: "/console", label: t("clear") } : null,
        }}
        summary={t("count", { count: list.total })}
        columns={[
          ...COLUMNS.map((c) => ({ key: c, header: t(`columns.${c}`) })),
          { key: "actions", header: t("columns.actions"), srOnly: true },
        ]}
        rows={list.rows}
        renderRow={(d) => (
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
        )}
        empty={q ? t("noMatch", { query: q }) : t("empty")}
        paging={
          list.pageCount > 1
            ? {
                basePath: "/console",
                params: { q },
                page: list.page,
                pageCount: list.pageCount,
                total: list.total,
                pageSize: DOMAINS_PAGE_SIZE,
                noun: t("noun"),
              }
            : undefined
        }
      />
    </>
  );
}
