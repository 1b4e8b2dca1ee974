import type { Metadata } from "next";
import Link from "next/link";
import { Badge, PageHeader, smallButtonClass, thClass } from "@/components/admin/admin-ui";
import { formatUtc } from "@/lib/format";
import { Pagination } from "@/components/pagination";
import { FieldErrors, inputClass, labelClass, linkClass, secondaryButtonClass } from "@/components/ui";
import { listAuditEvents } from "@/server/admin/list-audit-events";
import { requirePostmaster } from "@/web/guards";
import { AUDIT_ACTIONS, parseAuditFilter } from "./audit-filter";

export const metadata: Metadata = { title: "Audit Log" };

/** A denser cell than the other tables: seven columns must fit beside the navigation pane. */
const cell = "border-b border-slate-100 px-3 py-2.5 align-top text-[13px] text-slate-700";
const head = `${thClass} whitespace-nowrap px-3`;

const RESULT_TONE = { SUCCESS: "green", FAILURE: "amber", REFUSED: "red" } as const;

/** "to: +1 ••• ••• 0101 · status: SENT": readable pairs (internal ids left out; the CSV has everything). */
function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return "";
  const text =
    typeof detail === "object" && !Array.isArray(detail)
      ? Object.entries(detail as Record<string, unknown>)
          .filter(([k]) => !/id$/i.test(k))
          .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
          .join(" · ")
      : JSON.stringify(detail);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

function Field({ id, label, errors, children }: { id: string; label: string; errors?: string[]; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
      <FieldErrors id={`${id}-err`} errors={errors} />
    </div>
  );
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePostmaster();
  const { filter, page, values, errors } = parseAuditFilter(await searchParams);
  const list = await listAuditEvents(user.domainId, filter, page);
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v)).toString();
  const invalid = (k: string) => (errors[k] ? { "aria-invalid": true, "aria-describedby": `${k}-err` } : {});
  return (
    <div>
      <PageHeader
        title="Audit Log"
        trail={["Security", "Audit Log"]}
        description={`Everything that happened to the accounts and settings of ${user.domainName}, newest first. Times are UTC.`}
        actions={
          <a href={`/admin/audit-log/export${query ? `?${query}` : ""}`} className={smallButtonClass} download>
            Export CSV
          </a>
        }
      />
      <form
        method="get"
        aria-label="Filter the audit log"
        className="mb-4 grid grid-cols-2 items-start gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:grid-cols-5"
      >
        <Field id="account" label="Account" errors={errors.account}>
          <input
            id="account"
            name="account"
            type="search"
            defaultValue={values.account}
            maxLength={254}
            placeholder="Email address"
            className={inputClass}
            {...invalid("account")}
          />
        </Field>
        <Field id="action" label="Action" errors={errors.action}>
          <select id="action" name="action" defaultValue={values.action} className={inputClass} {...invalid("action")}>
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </Field>
        <Field id="from" label="From" errors={errors.from}>
          <input id="from" name="from" type="date" defaultValue={values.from} className={inputClass} {...invalid("from")} />
        </Field>
        <Field id="to" label="To" errors={errors.to}>
          <input id="to" name="to" type="date" defaultValue={values.to} className={inputClass} {...invalid("to")} />
        </Field>
        <div className="flex items-center gap-3 pt-6">
          <button type="submit" className={secondaryButtonClass}>
            Filter
          </button>
          {query ? (
            <Link href="/admin/audit-log" className={`text-sm ${linkClass}`}>
              Clear
            </Link>
          ) : null}
        </div>
      </form>

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full border-collapse">
          <thead>
            <tr>
              {["Time (UTC)", "Actor · IP address", "Action · detail", "Target", "Result"].map((h) => (
                <th key={h} scope="col" className={head}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.rows.map((e) => (
              <tr key={e.id} className="hover:bg-slate-50">
                <td className={`${cell} whitespace-nowrap tabular-nums text-slate-600`}>
                  {formatUtc(e.createdAt, { seconds: true }).replace(" UTC", "")}
                </td>
                <td className={`${cell} max-w-[14rem] break-words`}>
                  <div>
                    {e.actorLabel ?? (
                      <span className="text-slate-500">{e.actorKind === "ANONYMOUS" ? "anonymous" : e.actorKind.toLowerCase()}</span>
                    )}
                  </div>
                  <div className="font-mono text-xs text-slate-500">{e.ip}</div>
                </td>
                <td className={cell}>
                  <div className="font-mono">{e.action}</div>
                  {e.detail ? <div className="max-w-xs break-words text-xs text-slate-500">{detailText(e.detail)}</div> : null}
                </td>
                <td className={`${cell} max-w-[12rem] break-words`}>{e.targetLabel ?? <span className="text-slate-400">—</span>}</td>
                <td className={cell}>
                  <Badge tone={RESULT_TONE[e.result]}>{e.result.toLowerCase()}</Badge>
                </td>
              </tr>
            ))}
            {list.rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-4 py-10 text-center text-sm text-slate-500">
                  No events match these filters.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
        <Pagination
          basePath="/admin/audit-log"
          params={values}
          page={list.page}
          pageCount={list.pageCount}
          total={list.total}
          pageSize={list.pageSize}
          noun="events"
        />
      </div>
    </div>
  );
}
