import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, PageHeader, tdClass } from "@/components/admin/admin-ui";
import { AdminTable, type AdminColumn } from "@/components/admin/admin-table";
import { RecoveryMethods, StatusBadges } from "@/components/admin/account-badges";
import { BulkAccounts, BULK_FORM_ID, SelectAllOnPage } from "@/components/admin/bulk-accounts";
import { ClientMessages } from "@/components/client-messages";
import { Alert, inputClass, LabelledField, linkClass } from "@/components/ui";
import {
  listEmployeeAccounts,
  NO_DEPARTMENT,
  PAGE_SIZES,
  RECOVERY_FILTERS,
  SORTS,
  STATUS_FILTERS,
  type AccountSort,
} from "@/server/admin/list-employee-accounts";
import { oneOf, parseQuery, queryId, queryPage, queryText, type RawQuery } from "@/lib/query";
import { requirePostmaster } from "@/web/guards";
import { bulkAccountsAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Admin"))("nav.employeeAccounts") };
}

const QUERY = {
  q: queryText(100),
  department: queryId,
  status: oneOf(STATUS_FILTERS),
  recovery: oneOf(RECOVERY_FILTERS),
  sort: oneOf(SORTS),
  size: oneOf(PAGE_SIZES.map(String) as ["25", "100", "500"]),
  page: queryPage(),
  notice: oneOf(["password-changed"]),
};

const STATUS_LABELS = {
  active: "accounts.statusFilter.active",
  disabled: "accounts.statusFilter.disabled",
  locked: "accounts.statusFilter.locked",
  must_change: "accounts.statusFilter.must_change",
} as const satisfies Record<(typeof STATUS_FILTERS)[number], string>;

const COLUMNS = ["name", "email", "department", "status", "recovery", "lastLogon", "passwordChanged"] as const;
/** The columns a header click sorts by, and the sort each one starts with. */
const SORTABLE: Partial<Record<(typeof COLUMNS)[number], { asc: AccountSort; desc: AccountSort; first: AccountSort }>> = {
  name: { asc: "name", desc: "-name", first: "name" },
  lastLogon: { asc: "last_logon", desc: "-last_logon", first: "-last_logon" },
};

export default async function EmployeeAccountsPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const user = await requirePostmaster();
  const sp = parseQuery(QUERY, await searchParams);
  const q = sp.q ?? "";
  const department = sp.department ?? "";
  const sort = sp.sort ?? "name";
  const size = sp.size ?? "25";
  const [list, t, format] = await Promise.all([
    listEmployeeAccounts({
      domainId: user.domainId,
      search: q,
      departmentId: department || undefined,
      status: sp.status,
      recovery: sp.recovery,
      sort,
      page: sp.page,
      pageSize: Number(size) as (typeof PAGE_SIZES)[number],
    }),
    getTranslations("Admin"),
    getFormatter(),
  ]);
  const filtered = !!(q || department || sp.status || sp.recovery);
  /** This list's address with some parameters changed (sorting, paging keep the filters). */
  const params = {
    q,
    department,
    status: sp.status ?? "",
    recovery: sp.recovery ?? "",
    sort: sort === "name" ? "" : sort,
    size: size === "25" ? "" : size,
  };
  const href = (change: Partial<typeof params>) => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...params, ...change })) if (v) u.set(k, v);
    const qs = u.toString();
    return qs ? `/admin/accounts?${qs}` : "/admin/accounts";
  };
  return (
    <div>
      <PageHeader
        title={t("nav.employeeAccounts")}
        section={t("nav.deptsUsers")}
        description={t("accounts.description", { domain: user.domainName })}
      />
      {sp.notice === "password-changed" ? (
        <div className="mb-4">
          <Alert kind="success">{t("accounts.passwordChanged")}</Alert>
        </div>
      ) : null}

      <AdminTable
        label={t("nav.employeeAccounts")}
        search={{
          label: t("accounts.findAccounts"),
          field: {
            id: "q",
            name: "q",
            label: t("accounts.search"),
            value: q,
            maxLength: 100,
            placeholder: t("accounts.searchPlaceholder"),
          },
          filters: (
            <>
              <FilterSelect
                name="department"
                label={t("accounts.department")}
                value={department}
                width="sm:w-64"
                options={[
                  ["", t("accounts.allDepartments")],
                  ...list.departments.map((d): [string, string] => [d.id, `${"\u00a0\u00a0".repeat(d.depth)}${d.name}`]),
                  [NO_DEPARTMENT, t("accounts.noDepartment")],
                ]}
              />
              <FilterSelect
                name="status"
                label={t("accounts.status")}
                value={sp.status ?? ""}
                width="sm:w-56"
                options={[["", t("accounts.anyStatus")], ...STATUS_FILTERS.map((f): [string, string] => [f, t(STATUS_LABELS[f])])]}
              />
              <FilterSelect
                name="recovery"
                label={t("accounts.recovery")}
                value={sp.recovery ?? ""}
                width="sm:w-56"
                options={[
                  ["", t("accounts.anyRecovery")],
                  ...RECOVERY_FILTERS.map((f): [string, string] => [f, t(`accounts.recoveryFilter.${f}`)]),
                ]}
              />
              <FilterSelect
                name="size"
                label={t("accounts.perPage")}
                value={size}
                width="sm:w-28"
                options={PAGE_SIZES.map((n): [string, string] => [String(n), String(n)])}
              />
              {sort !== "name" ? <input type="hidden" name="sort" value={sort} /> : null}
            </>
          ),
          submit: t("accounts.search"),
          clear: filtered ? { href: "/admin/accounts", label: t("accounts.clear") } : null,
        }}
        beforeTable={
          <ClientMessages namespaces={["Admin.accounts.bulk", "Admin.account.confirmTitle", "Admin.account.working"]}>
            <BulkAccounts action={bulkAccountsAction} pageIds={list.rows.map((r) => r.id)} backHref={href({})} />
          </ClientMessages>
        }
        columns={[
          { key: "select", header: <SelectAllOnPage label={t("accounts.selectAll")} />, className: "w-10" },
          ...COLUMNS.map((c): AdminColumn => {
            const sorting = SORTABLE[c];
            const current = sorting && (sort === sorting.asc ? "ascending" : sort === sorting.desc ? "descending" : undefined);
            if (!sorting) return { key: c, header: t(`accounts.columns.${c}`) };
            return {
              key: c,
              sort: current,
              header: (
                <Link
                  href={href({ sort: current === "ascending" ? sorting.desc : current === "descending" ? sorting.asc : sorting.first })}
                  className="inline-flex items-center gap-1 hover:underline"
                >
                  {t(`accounts.columns.${c}`)}
                  <span aria-hidden="true">{current === "ascending" ? "▲" : current === "descending" ? "▼" : "↕"}</span>
                  <span className="sr-only">
                    {current
                      ? current === "ascending"
                        ? t("accounts.sortedAscending")
                        : t("accounts.sortedDescending")
                      : t("accounts.sortBy", { column: t(`accounts.columns.${c}`) })}
                  </span>
                </Link>
              ),
            };
          }),
        ]}
        rows={list.rows}
        renderRow={(a) => (
          <tr key={a.id} className="hover:bg-slate-50">
            <td className={tdClass}>
              <input
                type="checkbox"
                name="ids"
                value={a.id}
                form={BULK_FORM_ID}
                aria-label={t("accounts.selectAccount", { name: a.displayName })}
                className="h-4 w-4"
              />
            </td>
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
              <StatusBadges
                status={a.status}
                locked={a.locked}
                mustChange={a.mustChangePassword ? (a.mustChangeReason ?? "unknown") : null}
              />
            </td>
            <td className={tdClass}>
              <RecoveryMethods mobile={a.hasSecureMobile} questions={a.questionsSet} />
            </td>
            <td className={`${tdClass} whitespace-nowrap tabular-nums text-slate-600`}>
              {a.lastLogonAt ? (
                <time dateTime={a.lastLogonAt.toISOString()} title={format.dateTime(a.lastLogonAt, "stamp")}>
                  {format.dateTime(a.lastLogonAt, "day")}
                </time>
              ) : (
                t("accounts.never")
              )}
            </td>
            <td className={`${tdClass} whitespace-nowrap tabular-nums text-slate-600`}>
              <time dateTime={a.passwordChangedAt.toISOString()} title={format.dateTime(a.passwordChangedAt, "stamp")}>
                {format.dateTime(a.passwordChangedAt, "day")}
              </time>
            </td>
          </tr>
        )}
        empty={filtered ? t("accounts.noMatch") : t("accounts.noAccounts")}
        paging={{
          basePath: "/admin/accounts",
          params,
          page: list.page,
          pageCount: list.pageCount,
          total: list.total,
          pageSize: list.pageSize,
          noun: t("pagination.nouns.accounts"),
        }}
      />
    </div>
  );
}

/** One of the list's filters: a labelled select whose value goes into the address (GET form). */
function FilterSelect(props: { name: string; label: string; value: string; width: string; options: Array<[value: string, text: string]> }) {
  return (
    <LabelledField id={props.name} label={props.label} className={`w-full ${props.width}`}>
      <select id={props.name} name={props.name} defaultValue={props.value} className={inputClass}>
        {props.options.map(([value, text]) => (
          <option key={value || "any"} value={value}>
            {text}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}
