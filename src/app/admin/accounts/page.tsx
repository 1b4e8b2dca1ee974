import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, PageHeader, tdClass, thClass } from "@/components/admin/admin-ui";
import { Pagination } from "@/components/pagination";
import { RecoveryMethods, StatusBadges } from "@/components/admin/account-badges";
import { Alert, inputClass, labelClass, linkClass, secondaryButtonClass } from "@/components/ui";
import { listDepartments } from "@/server/admin/list-departments";
import { listEmployeeAccounts, NO_DEPARTMENT } from "@/server/admin/list-employee-accounts";
import { oneOf, parseQuery, queryId, queryPage, queryText, type RawQuery } from "@/lib/query";
import { requirePostmaster } from "@/web/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Admin"))("nav.employeeAccounts") };
}

const QUERY = { q: queryText(100), department: queryId, page: queryPage(), notice: oneOf(["password-changed"]) };

const COLUMNS = ["name", "email", "department", "status", "recovery", "passwordChanged"] as const;

export default async function EmployeeAccountsPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const user = await requirePostmaster();
  const sp = parseQuery(QUERY, await searchParams);
  const q = sp.q ?? "";
  const department = sp.department ?? "";
  const [list, tree, t, format] = await Promise.all([
    listEmployeeAccounts(user.domainId, { search: q, departmentId: department || undefined, page: sp.page }),
    listDepartments(user.domainId),
    getTranslations("Admin"),
    getFormatter(),
  ]);
  const filtered = !!(q || department);
  return (
    <div>
      <PageHeader
        title={t("nav.employeeAccounts")}
        trail={[t("nav.deptsUsers"), t("nav.employeeAccounts")]}
        description={t("accounts.description", { domain: user.domainName })}
      />
      {sp.notice === "password-changed" ? (
        <div className="mb-4">
          <Alert kind="success">{t("accounts.passwordChanged")}</Alert>
        </div>
      ) : null}

      <form
        method="get"
        role="search"
        aria-label={t("accounts.findAccounts")}
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      >
        <div className="w-full sm:w-auto sm:min-w-64 sm:flex-1">
          <label htmlFor="q" className={labelClass}>
            {t("accounts.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={100}
            placeholder={t("accounts.searchPlaceholder")}
            className={inputClass}
          />
        </div>
        <div className="w-full sm:w-64">
          <label htmlFor="department" className={labelClass}>
            {t("accounts.department")}
          </label>
          <select id="department" name="department" defaultValue={department} className={inputClass}>
            <option value="">{t("accounts.allDepartments")}</option>
            {tree.departments.map((d) => (
              <option key={d.id} value={d.id}>{`${"\u00a0\u00a0".repeat(d.depth)}${d.name}`}</option>
            ))}
            <option value={NO_DEPARTMENT}>{t("accounts.noDepartment")}</option>
          </select>
        </div>
        <button type="submit" className={secondaryButtonClass}>
          {t("accounts.search")}
        </button>
        {filtered ? (
          <Link href="/admin/accounts" className={`py-2 text-sm ${linkClass}`}>
            {t("accounts.clear")}
          </Link>
        ) : null}
      </form>

      <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="relative overflow-x-auto">
          <table className="w-full border-collapse">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c} scope="col" className={thClass}>
                    {t(`accounts.columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.rows.map((a) => (
                <tr key={a.id} className="hover:bg-slate-50">
                  <td className={tdClass}>
                    <span className="inline-flex flex-wrap items-center gap-2">
                      <Link href={`/admin/accounts/${a.id}`} className={linkClass}>
                        {a.displayName}
                      </Link>
                      {a.role === "POSTMASTER" ? <Badge tone="blue">{t("badges.postmaster")}</Badge> : null}
                    </span>
                  </td>
                  <td className={`${tdClass} font-mono text-[13px]`}>
                    {a.address.split("@")[0]}@<wbr />
                    {a.address.split("@")[1]}
                  </td>
                  <td className={tdClass}>
                    {a.department ?? (
                      <>
                        <span aria-hidden="true" className="text-slate-600">
                          —
                        </span>
                        <span className="sr-only">{t("accounts.noDepartment")}</span>
                      </>
                    )}
                  </td>
                  <td className={tdClass}>
                    <StatusBadges status={a.status} locked={a.locked} />
                  </td>
                  <td className={tdClass}>
                    <RecoveryMethods mobile={a.hasSecureMobile} questions={a.questionsSet} />
                  </td>
                  <td className={`${tdClass} whitespace-nowrap tabular-nums text-slate-600`}>
                    <time dateTime={a.passwordChangedAt.toISOString()} title={format.dateTime(a.passwordChangedAt, "stamp")}>
                      {format.dateTime(a.passwordChangedAt, "day")}
                    </time>
                  </td>
                </tr>
              ))}
              {list.rows.length === 0 ? (
                <tr>
                  <td colSpan={COLUMNS.length} className="px-4 py-10 text-center text-sm text-slate-600">
                    {filtered ? t("accounts.noMatch") : t("accounts.noAccounts")}
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        <Pagination
          basePath="/admin/accounts"
          params={{ q, department }}
          page={list.page}
          pageCount={list.pageCount}
          total={list.total}
          pageSize={list.pageSize}
          noun={t("pagination.nouns.accounts")}
        />
      </div>
    </div>
  );
}
