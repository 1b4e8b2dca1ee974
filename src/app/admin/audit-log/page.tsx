import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ActorKind, AuditResult } from "@/generated/prisma/enums";
import { Badge, PageHeader, smallButtonClass } from "@/components/admin/admin-ui";
import { AdminTable } from "@/components/admin/admin-table";
import { SelectField } from "@/components/select-field";
import { inputClass, LabelledField } from "@/components/ui";
import { listAuditEvents } from "@/server/admin/list-audit-events";
import { AUDIT_ACTION_NAMES, isAuditActionName } from "@/server/audit/audit-action";
import { requirePostmaster } from "@/web/guards";
import { getTranslator, translateFieldErrors } from "@/web/i18n";
import { AUDIT_ACTIONS, parseAuditFilter } from "./audit-filter";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Admin"))("nav.auditLog") };
}

/** A denser cell than the other tables: seven columns must fit beside the navigation pane. */
const cell = "border-b border-slate-100 px-3 py-2.5 align-top text-[13px] text-slate-700";

const RESULT_TONE = { SUCCESS: "green", FAILURE: "amber", REFUSED: "red" } as const;

/** What each result and actor kind is called (catalog keys). */
const RESULT_NAMES = {
  SUCCESS: "Audit.results.success",
  FAILURE: "Audit.results.failure",
  REFUSED: "Audit.results.refused",
} as const satisfies Record<AuditResult, string>;

const ACTOR_KIND_NAMES = {
  ANONYMOUS: "Audit.actorKinds.anonymous",
  MAIL_ACCOUNT: "Audit.actorKinds.mailAccount",
  CLOUD_ACCOUNT: "Audit.actorKinds.cloudAccount",
  SYSTEM: "Audit.actorKinds.system",
} as const satisfies Record<ActorKind, string>;

const COLUMNS = ["time", "actor", "action", "target", "result"] as const;

/**
 * "to: +1 ••• ••• 0101 · status: SENT": readable pairs (internal ids left out; the CSV has everything).
 * The detail is recorded data, like the action codes: shown as stored, in no particular language.
 */
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

function Field(props: { id: string; label: string; errors?: string[]; children: React.ReactNode }) {
  return <LabelledField className="min-w-0" {...props} />;
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePostmaster();
  const { filter, page, values, errors: errorRefs } = parseAuditFilter(await searchParams);
  const [list, t, tAll, format, locale] = await Promise.all([
    listAuditEvents({ domainId: user.domainId, filter, page }),
    getTranslations("Admin"),
    getTranslator(),
    getFormatter(),
    getLocale(),
  ]);
  const errors = translateFieldErrors(tAll, errorRefs);
  const actionName = (code: string) => (isAuditActionName(code) ? tAll(AUDIT_ACTION_NAMES[code]) : code);
  // The filter lists the actions by their names, in the reader's alphabet order.
  const collator = new Intl.Collator(locale);
  const actionChoices = AUDIT_ACTIONS.map((code) => ({ code, name: actionName(code) })).sort((a, b) => collator.compare(a.name, b.name));
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v)).toString();
  const invalid = (k: string) => (errors[k] ? { "aria-invalid": true, "aria-describedby": `${k}-err` } : {});
  return (
    <div>
      <PageHeader
        title={t("nav.auditLog")}
        section={t("nav.security")}
        description={t("auditLog.description", { domain: user.domainName })}
        actions={
          <a href={`/admin/audit-log/export${query ? `?${query}` : ""}`} className={smallButtonClass} download>
            {t("auditLog.exportCsv")}
          </a>
        }
      />
      <AdminTable
        label={t("nav.auditLog")}
        searchLayout="grid"
        search={{
          label: t("auditLog.filterLabel"),
          invalid: Object.keys(errors).length > 0,
          field: {
            id: "account",
            name: "account",
            label: t("auditLog.account"),
            value: values.account,
            maxLength: 254,
            placeholder: t("auditLog.accountPlaceholder"),
            errors: errors.account,
          },
          filters: (
            <>
              <SelectField
                className="min-w-0"
                label={t("auditLog.action")}
                name="action"
                placeholder={t("auditLog.allActions")}
                options={actionChoices.map((a) => ({ value: a.code, label: a.name }))}
                defaultValue={values.action}
                errors={errors.action}
              />
              <Field id="from" label={t("auditLog.from")} errors={errors.from}>
                <input id="from" name="from" type="date" defaultValue={values.from} className={inputClass} {...invalid("from")} />
              </Field>
              <Field id="to" label={t("auditLog.to")} errors={errors.to}>
                <input id="to" name="to" type="date" defaultValue={values.to} className={inputClass} {...invalid("to")} />
              </Field>
            </>
          ),
          submit: t("auditLog.filter"),
          clear: query ? { href: "/admin/audit-log", label: t("auditLog.clear") } : null,
        }}
        columns={COLUMNS.map((c) => ({ key: c, header: t(`auditLog.columns.${c}`), className: "whitespace-nowrap px-3" }))}
        rows={list.rows}
        renderRow={(e) => (
          <tr key={e.id} className="hover:bg-slate-50">
            <td className={`${cell} whitespace-nowrap tabular-nums text-slate-600`}>
              <time dateTime={e.createdAt.toISOString()}>{format.dateTime(e.createdAt, "precise")}</time>
            </td>
            <td className={`${cell} max-w-[14rem] break-words`}>
              <div>
                {e.actorLabel ?? (
                  <span className="text-slate-600">
                    {e.actorKind in ACTOR_KIND_NAMES ? tAll(ACTOR_KIND_NAMES[e.actorKind as ActorKind]) : e.actorKind}
                  </span>
                )}
              </div>
              <div className="font-mono text-xs text-slate-600">{e.ip}</div>
            </td>
            <td className={cell}>
              <div>{actionName(e.action)}</div>
              <div className="font-mono text-xs text-slate-600">{e.action}</div>
              {e.detail ? <div className="max-w-xs break-words text-xs text-slate-600">{detailText(e.detail)}</div> : null}
            </td>
            <td className={`${cell} max-w-[12rem] break-words`}>
              {e.targetLabel ?? (
                <span aria-hidden="true" className="text-slate-600">
                  —
                </span>
              )}
            </td>
            <td className={cell}>
              <Badge tone={RESULT_TONE[e.result]}>{tAll(RESULT_NAMES[e.result])}</Badge>
            </td>
          </tr>
        )}
        empty={t("auditLog.empty")}
        paging={{
          basePath: "/admin/audit-log",
          params: values,
          page: list.page,
          pageCount: list.pageCount,
          total: list.total,
          pageSize: list.pageSize,
          noun: t("pagination.nouns.events"),
        }}
      />
    </div>
  );
}
