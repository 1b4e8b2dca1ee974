import type { ReactNode } from "react";

const TH = "border-b border-slate-300 px-3 py-2 text-left font-medium text-slate-700";
const TD = "border-b border-slate-200 px-3 py-2 align-top";

/** A local-development outbox page (/dev/sms, /dev/mail): the latest messages, newest first. */
export function DevOutbox(props: {
  title: string;
  intro: string;
  empty: string;
  caption: string;
  columns: Array<{ key: string; label: string; className?: string }>;
  rows: Array<{ id: string; cells: Record<string, ReactNode> }>;
}) {
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-5xl p-6 text-slate-900">
      <h1 className="text-2xl font-semibold">{props.title}</h1>
      <p className="mt-2 text-sm text-slate-600">{props.intro}</p>
      {props.rows.length === 0 ? (
        <p className="mt-6 text-sm text-slate-600">{props.empty}</p>
      ) : (
        <div className="relative mt-6 overflow-x-auto" role="region" aria-label={props.caption} tabIndex={0}>
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{props.caption}</caption>
            <thead className="bg-slate-100">
              <tr>
                {props.columns.map((c) => (
                  <th key={c.key} scope="col" className={TH}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.id}>
                  {props.columns.map((c) => (
                    <td key={c.key} className={`${TD} ${c.className ?? ""}`}>
                      {r.cells[c.key]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
