import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/action-button";
import { dangerButtonClass, PageHeader, smallButtonClass, tdClass } from "@/components/admin/admin-ui";
import { AdminTable } from "@/components/admin/admin-table";
import { DepartmentForm } from "@/components/admin/department-form";
import { ClientMessages } from "@/components/client-messages";
import { Alert, Card, linkClass } from "@/components/ui";
import { descendantIds, listDepartments } from "@/server/admin/list-departments";
import { NO_DEPARTMENT } from "@/server/admin/list-employee-accounts";
import { oneOf, parseQuery, queryId, type RawQuery } from "@/lib/query";
import { requirePostmaster } from "@/web/guards";
import { deleteDepartmentAction, saveDepartmentAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Admin"))("nav.departments") };
}

const NOTICES = ["created", "saved", "deleted"] as const;

export default async function DepartmentsPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const user = await requirePostmaster();
  const { edit, notice } = parseQuery({ edit: queryId, notice: oneOf(NOTICES) }, await searchParams);
  const [{ departments, unassigned }, t, format] = await Promise.all([
    listDepartments({ domainId: user.domainId }),
    getTranslations("Admin"),
    getFormatter(),
  ]);
  const editing = departments.find((d) => d.id === edit);
  const parentChoices = (exclude?: string) => {
    const below = exclude ? descendantIds(departments, exclude) : new Set<string>();
    return departments.filter((d) => d.id !== exclude && !below.has(d.id)).map((d) => ({ id: d.id, label: d.path }));
  };
  const n = (value: number) => format.number(value);
  return (
    // The Delete buttons and the department forms are client components.
    <ClientMessages namespaces={["Admin.departments"]}>
      <div className="space-y-6">
        <PageHeader title={t("nav.departments")} section={t("nav.deptsUsers")} description={t("departments.description")} />
        {notice ? <Alert kind="success">{t(`departments.notices.${notice}`)}</Alert> : null}

        <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
          <div className="min-w-0 lg:col-span-2">
            <AdminTable
              label={t("nav.departments")}
              columns={[
                { key: "department", header: t("departments.columns.department") },
                { key: "accounts", header: t("departments.columns.accounts"), className: "text-right" },
                { key: "withSub", header: t("departments.columns.withSub"), className: "text-right" },
                { key: "actions", header: t("departments.columns.actions"), srOnly: true },
              ]}
              rows={departments}
              renderRow={(d) => (
                <tr key={d.id} className={d.id === editing?.id ? "bg-blue-50/50" : "hover:bg-slate-50"}>
                  <td className={tdClass}>
                    <span style={{ paddingLeft: `${d.depth * 1.25}rem` }} className="inline-flex items-center gap-1.5">
                      {d.depth > 0 ? (
                        <span aria-hidden="true" className="text-slate-500">
                          └
                        </span>
                      ) : null}
                      <span className="font-medium text-slate-900">{d.name}</span>
                    </span>
                  </td>
                  <td className={`${tdClass} text-right tabular-nums`}>
                    <Link
                      href={`/admin/accounts?department=${d.id}`}
                      className={linkClass}
                      aria-label={t("departments.accountsIn", { count: d.accountCount, path: d.path })}
                    >
                      {n(d.accountCount)}
                    </Link>
                  </td>
                  <td className={`${tdClass} text-right tabular-nums`}>{n(d.totalCount)}</td>
                  <td className={`${tdClass} whitespace-nowrap text-right`}>
                    <span className="inline-flex items-center gap-2">
                      <Link
                        href={`/admin/departments?edit=${d.id}`}
                        className={smallButtonClass}
                        aria-label={t("departments.editLabel", { path: d.path })}
                      >
                        {t("departments.edit")}
                      </Link>
                      {d.accountCount === 0 && d.childCount === 0 ? (
                        <ActionButton
                          action={deleteDepartmentAction}
                          fields={{ id: d.id }}
                          label={t("departments.delete")}
                          pendingText={t("departments.deleting")}
                          className={dangerButtonClass}
                          formLabel={t("departments.deleteLabel", { path: d.path })}
                        />
                      ) : (
                        <button type="button" disabled className={dangerButtonClass} title={t("departments.deleteDisabled")}>
                          {t("departments.delete")}
                        </button>
                      )}
                    </span>
                  </td>
                </tr>
              )}
              empty={t("departments.empty")}
              extraRows={
                <tr>
                  <td className={`${tdClass} italic text-slate-600`}>{t("departments.noDepartment")}</td>
                  <td className={`${tdClass} text-right tabular-nums`}>
                    <Link href={`/admin/accounts?department=${NO_DEPARTMENT}`} className={linkClass}>
                      {n(unassigned)}
                    </Link>
                  </td>
                  <td className={tdClass} colSpan={2} />
                </tr>
              }
            />
          </div>

          <div className="min-w-0 space-y-6">
            {editing ? (
              <Card title={t("departments.editCard", { name: editing.name })}>
                <DepartmentForm
                  key={editing.id}
                  action={saveDepartmentAction}
                  id={editing.id}
                  name={editing.name}
                  parentId={editing.parentId}
                  parents={parentChoices(editing.id)}
                  submitLabel={t("departments.saveChanges")}
                  cancelHref="/admin/departments"
                />
              </Card>
            ) : null}
            <Card title={t("departments.newCard")}>
              <DepartmentForm action={saveDepartmentAction} parents={parentChoices()} submitLabel={t("departments.create")} />
            </Card>
          </div>
        </div>
      </div>
    </ClientMessages>
  );
}
