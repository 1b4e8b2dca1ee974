import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader, tdClass, thClass } from "@/components/admin/admin-ui";
import { CsvDownload } from "@/components/admin/csv-download";
import { BarChart, type BarRow } from "@/components/charts/bar-chart";
import { Card, linkClass, TableScroller } from "@/components/ui";
import { csvDocument } from "@/lib/csv";
import { getRecoveryReadiness, READINESS_METHODS, type ReadinessMethod } from "@/server/admin/get-recovery-readiness";
import type { RECOVERY_FILTERS } from "@/server/admin/list-employee-accounts";
import { requirePostmaster } from "@/web/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Admin"))("nav.readiness") };
}

/** Each method's name, and the domain switch that turns it off if it has one (Password Policy > Self-service recovery). */
const METHODS = {
  sms: { label: "readiness.methods.sms", switch: "allowSmsRecovery" },
  email: { label: "readiness.methods.email", switch: "allowEmailRecovery" },
  questions: { label: "readiness.methods.questions", switch: "allowQuestionRecovery" },
  totp: { label: "readiness.methods.totp", switch: null },
  recoveryCode: { label: "readiness.methods.recoveryCode", switch: null },
} as const satisfies Record<ReadinessMethod, { label: string; switch: string | null }>;

/** Employee Accounts filtered to the accounts counted here as not ready (the same SQL rule). */
const NOT_READY_FILTER: (typeof RECOVERY_FILTERS)[number] = "not_ready";
const NOT_READY_HREF = `/admin/accounts?${new URLSearchParams({ recovery: NOT_READY_FILTER })}`;

/**
 * Security > Recovery Readiness: how many of the domain's active accounts could reset their own
 * password by Forgot Password now (getRecoveryReadiness, the wizard's rule in SQL), in all, by method
 * and by department. The charts are SVG drawn on the server (src/components/charts/bar-chart.tsx),
 * each with its numbers as a table beside it and as CSV; only the CSV links need JavaScript.
 */
export default async function RecoveryReadinessPage() {
  const user = await requirePostmaster();
  const [r, t, format] = await Promise.all([getRecoveryReadiness({ postmaster: user.pm }), getTranslations("Admin"), getFormatter()]);
  // Rounded down: 100% only when every account is ready, as the count beside it says.
  const pct = (part: number, whole: number) =>
    format.number(whole ? part / whole : 0, { style: "percent", maximumFractionDigits: 0, roundingMode: "floor" });

  const methods = READINESS_METHODS.map((m) => {
    const { label, switch: toggle } = METHODS[m];
    const off = toggle !== null && !r.policy[toggle];
    return { method: m, label: t(label), count: r.byMethod[m], share: pct(r.byMethod[m], r.total), off };
  });
  const methodRows: BarRow[] = methods.map((m) => ({
    label: m.label,
    share: r.total ? m.count / r.total : 0,
    text: t("readiness.methodFigure", { count: m.count, share: m.share }),
    note: m.off ? t("readiness.turnedOff") : undefined,
  }));
  const departments = r.byDepartment.map((d) => ({
    label: d.path ?? t("accounts.noDepartment"),
    total: d.total,
    ready: d.ready,
    share: d.total ? pct(d.ready, d.total) : null,
  }));
  const departmentRows: BarRow[] = departments.map((d) => ({
    label: d.label,
    share: d.total ? d.ready / d.total : 0,
    text: d.share === null ? t("readiness.emptyDepartment") : t("readiness.departmentFigure", { share: d.share, total: d.total }),
  }));

  const num = (n: number): Cell => ({ text: format.number(n), value: n });
  const methodsTable: TableData = {
    columns: [t("readiness.columns.method"), t("readiness.columns.accounts"), t("readiness.columns.share")],
    rows: methods.map((m) => ({
      key: m.method,
      label: m.label,
      cells: [num(m.count), { text: m.share, value: m.share }],
      note: m.off ? t("readiness.turnedOff") : undefined,
    })),
  };
  const departmentsTable: TableData = {
    columns: [
      t("readiness.columns.department"),
      t("readiness.columns.total"),
      t("readiness.columns.ready"),
      t("readiness.columns.readyShare"),
    ],
    rows: departments.map((d, i) => ({
      key: String(i),
      label: d.label,
      cells: [
        num(d.total),
        num(d.ready),
        d.share === null ? { text: t("readiness.emptyDepartment"), value: "" } : { text: d.share, value: d.share },
      ],
    })),
  };
  const chart = { showTable: t("readiness.showTable"), downloadCsv: t("readiness.downloadCsv") };

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("nav.readiness")}
        section={t("nav.security")}
        description={t("readiness.description", { domain: user.domainName })}
      />

      <Card title={t("readiness.nowCard")}>
        {r.total ? (
          <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1" data-readiness-headline>
            <span className="text-4xl font-semibold tabular-nums text-slate-900" aria-hidden="true">
              {pct(r.ready, r.total)}
            </span>
            <span className="text-base text-slate-800">
              {t("readiness.headline", { ready: r.ready, total: r.total, share: pct(r.ready, r.total) })}
            </span>
          </p>
        ) : (
          <p className="text-base text-slate-800">{t("readiness.noAccounts")}</p>
        )}
        {r.needsTwoProofs ? (
          <p className="mt-2 text-sm text-slate-700">{t("readiness.twoProofs", { ready: r.readyTwoProofs, total: r.needsTwoProofs })}</p>
        ) : null}
        <p className="mt-3 max-w-3xl text-sm text-slate-600">
          {t.rich("readiness.howJudged", {
            requireAll: String(r.policy.requireTwoStepForEmployees),
            policy: (chunks) => (
              <Link href="/admin/password-policy" className={linkClass}>
                {chunks}
              </Link>
            ),
          })}
        </p>
        <p className="mt-4 border-t border-slate-100 pt-3 text-sm text-slate-800" data-not-ready>
          {r.notReady ? (
            <>
              <span className="font-medium">{t("readiness.notReady", { count: r.notReady })}</span>{" "}
              <Link href={NOT_READY_HREF} className={linkClass}>
                {t("readiness.notReadyLink")}
              </Link>
            </>
          ) : r.total ? (
            t("readiness.allReady")
          ) : null}
        </p>
      </Card>

      <ChartCard
        id="methods"
        title={t("readiness.methodsCard")}
        help={t("readiness.methodsHelp")}
        chartName={t("readiness.methodsChart")}
        rows={methodRows}
        table={methodsTable}
        words={chart}
      />

      <ChartCard
        id="departments"
        title={t("readiness.departmentsCard")}
        help={t("readiness.departmentsHelp")}
        chartName={t("readiness.departmentsChart")}
        rows={departmentRows}
        empty={t("readiness.noDepartments")}
        table={departmentsTable}
        words={chart}
      />
    </div>
  );
}

/** A table cell: as the page shows it, and as the CSV has it (a number stays a number). */
interface Cell {
  text: string;
  value: string | number;
}

/** A chart's numbers: one row a bar, its label first; a note (the policy turned the method off) instead of its cells. */
interface TableData {
  columns: string[];
  rows: Array<{ key: string; label: string; cells: Cell[]; note?: string }>;
}

/** A chart in its card, its numbers as a table under "Show as table", and the same table as CSV (with JavaScript). */
function ChartCard(props: {
  id: string;
  title: string;
  help: string;
  chartName: string;
  rows: BarRow[];
  empty?: string;
  table: TableData;
  words: { showTable: string; downloadCsv: string };
}) {
  const { table } = props;
  const csv = csvDocument([
    table.columns,
    ...table.rows.map((r) => (r.note ? [r.label, r.note] : [r.label, ...r.cells.map((c) => c.value)])),
  ]);
  return (
    <Card
      title={props.title}
      actions={
        <CsvDownload csv={csv} filename={`recovery-readiness-${props.id}.csv`}>
          {props.words.downloadCsv}
          <span className="sr-only">: {props.title}</span>
        </CsvDownload>
      }
    >
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{props.help}</p>
      {props.rows.length ? (
        <>
          <BarChart id={props.id} title={props.chartName} rows={props.rows} />
          <details className="mt-4" data-chart-table={props.id}>
            <summary className="cursor-pointer text-sm font-medium text-blue-700 hover:underline">{props.words.showTable}</summary>
            <div className="mt-3">
              <TableScroller label={props.chartName}>
                <table className="w-full border-collapse">
                  <caption className="sr-only">{props.chartName}</caption>
                  <thead>
                    <tr>
                      {table.columns.map((c) => (
                        <th key={c} scope="col" className={thClass}>
                          {c}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {table.rows.map((r) => (
                      <tr key={r.key}>
                        <th scope="row" className={`${tdClass} text-left font-normal`}>
                          {r.label}
                        </th>
                        {r.note ? (
                          <td colSpan={table.columns.length - 1} className={`${tdClass} italic text-slate-600`}>
                            {r.note}
                          </td>
                        ) : (
                          r.cells.map((c, i) => (
                            <td key={i} className={`${tdClass} tabular-nums`}>
                              {c.text}
                            </td>
                          ))
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroller>
            </div>
          </details>
        </>
      ) : (
        <p className="text-sm text-slate-600">{props.empty}</p>
      )}
    </Card>
  );
}
