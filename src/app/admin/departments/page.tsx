import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/action-button";
import { dangerButtonClass, PageHeader, smallButtonClass, tdClass, thClass } from "@/components/admin/admin-ui";
import { DepartmentForm } from "@/components/admin/department-form";
import { Alert, Card, linkClass } from "@/components/ui";
import { descendantIds } from "@/server/admin/department-tree";
import { listDepartments } from "@/server/admin/list-departments";
import { NO_DEPARTMENT } from "@/server/admin/list-employee-accounts";
import { keyOf, parseQuery, queryId, type RawQuery } from "@/lib/query";
import { requirePostmaster } from "@/web/guards";
import { deleteDepartmentAction, saveDepartmentAction } from "./actions";

export const metadata: Metadata = { title: "Departments" };

const NOTICES: Record<string, string> = {
  created: "The department was created.",
  saved: "The department was saved.",
  deleted: "The department was deleted.",
};

export default async function DepartmentsPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const user = await requirePostmaster();
  const { edit, notice } = parseQuery({ edit: queryId, notice: keyOf(NOTICES) }, await searchParams);
  const { departments, unassigned } = await listDepartments(user.domainId);
  const editing = departments.find((d) => d.id === edit);
  const parentChoices = (exclude?: string) => {
    const below = exclude ? descendantIds(departments, exclude) : new Set<string>();
    return departments.filter((d) => d.id !== exclude && !below.has(d.id)).map((d) => ({ id: d.id, label: d.path }));
  };
  return (
    <div className="space-y-6">
      <PageHeader
        title="Departments"
        trail={["DEPTs & Users", "Departments"]}
        description="The department tree of your domain. A department can be deleted when it has no accounts and no sub-departments."
      />
      {notice ? <Alert kind="success">{NOTICES[notice]}</Alert> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="w-full border-collapse">
              <thead>
                <tr>
                  <th scope="col" className={thClass}>
                    Department
                  </th>
                  <th scope="col" className={`${thClass} text-right`}>
                    Accounts
                  </th>
                  <th scope="col" className={`${thClass} text-right`}>
                    With sub-departments
                  </th>
                  <th scope="col" className={thClass}>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {departments.map((d) => (
                  <tr key={d.id} className={d.id === editing?.id ? "bg-blue-50/50" : "hover:bg-slate-50"}>
                    <td className={tdClass}>
                      <span style={{ paddingLeft: `${d.depth * 1.25}rem` }} className="inline-flex items-center gap-1.5">
                        {d.depth > 0 ? (
                          <span aria-hidden="true" className="text-slate-300">
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
                        aria-label={`${d.accountCount} accounts in ${d.path}`}
                      >
                        {d.accountCount}
                      </Link>
                    </td>
                    <td className={`${tdClass} text-right tabular-nums`}>{d.totalCount}</td>
                    <td className={`${tdClass} whitespace-nowrap text-right`}>
                      <span className="inline-flex items-center gap-2">
                        <Link href={`/admin/departments?edit=${d.id}`} className={smallButtonClass} aria-label={`Edit ${d.path}`}>
                          Edit
                        </Link>
                        {d.accountCount === 0 && d.childCount === 0 ? (
                          <ActionButton
                            action={deleteDepartmentAction}
                            fields={{ id: d.id }}
                            label="Delete"
                            pendingText="Deleting…"
                            className={dangerButtonClass}
                            formLabel={`Delete ${d.path}`}
                          />
                        ) : (
                          <button type="button" disabled className={dangerButtonClass} title="Only an empty department can be deleted">
                            Delete
                          </button>
                        )}
                      </span>
                    </td>
                  </tr>
                ))}
                {departments.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="px-4 py-10 text-center text-sm text-slate-500">
                      No departments yet. Create the first one.
                    </td>
                  </tr>
                ) : null}
                <tr>
                  <td className={`${tdClass} italic text-slate-500`}>No department</td>
                  <td className={`${tdClass} text-right tabular-nums`}>
                    <Link href={`/admin/accounts?department=${NO_DEPARTMENT}`} className={linkClass}>
                      {unassigned}
                    </Link>
                  </td>
                  <td className={tdClass} colSpan={2} />
                </tr>
              </tbody>
            </table>
          </div>
        </div>

        <div className="space-y-6">
          {editing ? (
            <Card title={`Edit department: ${editing.name}`}>
              <DepartmentForm
                key={editing.id}
                action={saveDepartmentAction}
                id={editing.id}
                name={editing.name}
                parentId={editing.parentId}
                parents={parentChoices(editing.id)}
                submitLabel="Save changes"
                cancelHref="/admin/departments"
              />
            </Card>
          ) : null}
          <Card title="New department">
            <DepartmentForm action={saveDepartmentAction} parents={parentChoices()} submitLabel="Create" />
          </Card>
        </div>
      </div>
    </div>
  );
}
