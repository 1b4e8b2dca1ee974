import type { ReactNode } from "react";

const TH = "border-b border-slate-300 px-3 py-2 text-left font-medium text-slate-700";
const TD = "border-b border-slate-200 px-3 py-2 align-top";

/** What every outbox row has (SmsMessage, EmailMessage). */
export interface OutboxMessage {
  id: string;
  createdAt: Date;
  to: string;
  purpose: string;
  status: string;
  errorCode: string | null;
}

type Column = { key: string; label: string; className?: string };

/**
 * A local-development outbox page (/dev/sms, /dev/mail): the latest
 * messages, newest first. Time, To, Purpose and Status are every outbox's;
 * `more` adds a page's own columns (Subject, Body) after them.
 */
export function DevOutbox<M extends OutboxMessage>(props: {
  title: string;
  intro: string;
  empty: string;
  caption: string;
  labels: { time: string; to: string; purpose: string; status: string };
  formatTime: (at: Date) => string;
  messages: M[];
  more: Array<Column & { cell: (m: M) => ReactNode }>;
}) {
  const columns: Array<Column & { cell: (m: M) => ReactNode }> = [
    { key: "time", label: props.labels.time, className: "whitespace-nowrap text-slate-600", cell: (m) => props.formatTime(m.createdAt) },
    { key: "to", label: props.labels.to, className: "whitespace-nowrap font-mono", cell: (m) => m.to },
    { key: "purpose", label: props.labels.purpose, cell: (m) => m.purpose },
    { key: "status", label: props.labels.status, cell: (m) => (m.errorCode ? `${m.status} (${m.errorCode})` : m.status) },
    ...props.more,
  ];
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-5xl p-6 text-slate-900">
      <h1 className="text-2xl font-semibold">{props.title}</h1>
      <p className="mt-2 text-sm text-slate-600">{props.intro}</p>
      {props.messages.length === 0 ? (
        <p className="mt-6 text-sm text-slate-600">{props.empty}</p>
      ) : (
        <div className="relative mt-6 overflow-x-auto" role="region" aria-label={props.caption} tabIndex={0}>
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{props.caption}</caption>
            <thead className="bg-slate-100">
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={TH}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.messages.map((m) => (
                <tr key={m.id}>
                  {columns.map((c) => (
                    <td key={c.key} className={`${TD} ${c.className ?? ""}`}>
                      {c.cell(m)}
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
