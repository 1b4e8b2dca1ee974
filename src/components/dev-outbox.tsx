import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
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

/** An outbox's words: Dev.sms or Dev.mail (title, intro, empty, caption, columns). */
type OutboxNamespace = "Dev.sms" | "Dev.mail";

/** How many messages an outbox page shows, newest first. */
export const OUTBOX_LIMIT = 50;

export async function outboxMetadata(namespace: OutboxNamespace): Promise<Metadata> {
  return { title: (await getTranslations(namespace))("title") };
}

/**
 * A local-development outbox page (/dev/sms, /dev/mail): the latest
 * messages, newest first. Time, To, Purpose and Status are every outbox's;
 * `more` adds a page's own columns (Subject, Body) after them.
 */
export async function DevOutbox<M extends OutboxMessage>(props: {
  namespace: OutboxNamespace;
  messages: M[];
  more: Array<{ key: "subject" | "body"; className?: string; cell: (m: M) => ReactNode }>;
}) {
  const [t, format] = await Promise.all([getTranslations(props.namespace), getFormatter()]);
  const columns: Array<Column & { cell: (m: M) => ReactNode }> = [
    {
      key: "time",
      label: t("columns.time"),
      className: "whitespace-nowrap text-slate-600",
      cell: (m) => format.dateTime(m.createdAt, "precise"),
    },
    { key: "to", label: t("columns.to"), className: "whitespace-nowrap font-mono", cell: (m) => m.to },
    { key: "purpose", label: t("columns.purpose"), cell: (m) => m.purpose },
    { key: "status", label: t("columns.status"), cell: (m) => (m.errorCode ? `${m.status} (${m.errorCode})` : m.status) },
    ...props.more.map((c) => ({ ...c, label: t(`columns.${c.key}`) })),
  ];
  const words = { title: t("title"), intro: t("intro", { limit: OUTBOX_LIMIT }), empty: t("empty"), caption: t("caption") };
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-5xl p-6 text-slate-900">
      <h1 className="text-2xl font-semibold">{words.title}</h1>
      <p className="mt-2 text-sm text-slate-600">{words.intro}</p>
      {props.messages.length === 0 ? (
        <p className="mt-6 text-sm text-slate-600">{words.empty}</p>
      ) : (
        <div className="relative mt-6 overflow-x-auto" role="region" aria-label={words.caption} tabIndex={0}>
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{words.caption}</caption>
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
