import type { Metadata } from "next";
import Link from "next/link";
import { Badge, PageHeader, tdClass, thClass } from "@/components/admin/admin-ui";
import { formatUtc, formatUtcDay } from "@/lib/format";
import { Pagination } from "@/components/pagination";
import { RecoveryMethods, StatusBadges } from "@/components/admin/account-badges";
import { Alert, inputClass, labelClass, linkClass, secondaryButtonClass } from "@/components/ui";
import { listDepartments } from "@/server/admin/list-departments";
import { listEmployeeAccounts, NO_DEPARTMENT } from "@/server/admin/list-employee-accounts";
import { parseQuery, queryId, queryPage, queryText, type RawQuery } from "@/lib/query";
import { requirePostmaster } from "@/web/guards";

export const metadata: Metadata = { title: "Employee Accounts" };

const QUERY = { q: queryText(100), department: queryId, page: queryPage(), notice: queryText(32) };

export default async function EmployeeAccountsPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const user = await requirePostmaster();
  const sp = parseQuery(QUERY, await searchParams);
  const q = sp.q ?? "";
  const department = sp.department ?? "";
  const [list, tree] = await Promise.all([
    listEmployeeAccounts(user.domainId, { search: q, departmentId: department || undefined, page: sp.page }),
    listDepartments(user.domainId),
  ]);
  const filtered = !!(q || department);
  return (
    <div>
      <PageHeader
        title="Employee Accounts"
        trail={["DEPTs & Users", "Employee Accounts"]}
        description={`The mailboxes of ${user.domainName}. Click a name to open its Edit Account page.`}
      />
      {sp.notice === "password-changed" ? (
        <div className="mb-4">
          <Alert kind="success">Your password was changed.</Alert>
        </div>
      ) : null}

      <form
        method="get"
        role="search"
        aria-label="Find accounts"
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      >
        <div className="min-w-64 flex-1">
          <label htmlFor="q" className={labelClass}>
            Search
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={100}
            placeholder="Name or email address"
            className={inputClass}
          />
        </div>
        <div className="w-64">
          <label htmlFor="department" className={labelClass}>
            Department
          </label>
          <select id="department" name="department" defaultValue={department} className={inputClass}>
            <option value="">All departments</option>
            {tree.departments.map((d) => (
              <option key={d.id} value={d.id}>{`${"\u00a0\u00a0".repeat(d.depth)}${d.name}`}</option>
            ))}
            <option value={NO_DEPARTMENT}>No department</option>
          </select>
        </div>
        <button type="submit" className={secondaryButtonClass}>
          Search
        </button>
        {filtered ? (
          <Link href="/admin/accounts" className={`py-2 text-sm ${linkClass}`}>
            Clear
          </Link>
        ) : null}
      </form>

      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full border-collapse">
          <thead>
            <tr>
              {["Name", "Email address", "Department", "Status", "Recovery methods", "Last password change"].map((h) => (
                <th key={h} scope="col" className={thClass}>
                  {h}
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
                    {a.role === "POSTMASTER" ? <Badge tone="blue">Postmaster</Badge> : null}
                  </span>
                </td>
                <td className={`${tdClass} font-mono text-[13px]`}>
                  {a.address.split("@")[0]}@<wbr />
                  {a.address.split("@")[1]}
                </td>
                <td className={tdClass}>{a.department ?? <span className="text-slate-400">—</span>}</td>
                <td className={tdClass}>
                  <StatusBadges status={a.status} locked={a.locked} />
                </td>
                <td className={tdClass}>
                  <RecoveryMethods mobile={a.hasSecureMobile} questions={a.questionsSet} />
                </td>
                <td className={`${tdClass} whitespace-nowrap tabular-nums text-slate-600`}>
                  <time dateTime={a.passwordChangedAt.toISOString()} title={formatUtc(a.passwordChangedAt)}>
                    {formatUtcDay(a.passwordChangedAt)}
                  </time>
                </td>
              </tr>
            ))}
            {list.rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-4 py-10 text-center text-sm text-slate-500">
                  {filtered ? "No account matches this search." : "This domain has no accounts yet."}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
        <Pagination
          basePath="/admin/accounts"
          params={{ q, department }}
          page={list.page}
          pageCount={list.pageCount}
          total={list.total}
          pageSize={list.pageSize}
          noun="accounts"
        />
      </div>
    </div>
  );
}
