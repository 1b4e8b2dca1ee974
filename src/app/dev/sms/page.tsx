import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { isSmsOutboxAvailable, listSmsOutbox } from "@/server/sms/list-sms-outbox";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Dev.sms"))("title") };
}

const LIMIT = 50;
const TH = "border-b border-slate-300 px-3 py-2 text-left font-medium text-slate-700";
const TD = "border-b border-slate-200 px-3 py-2 align-top";
const COLUMNS = ["time", "to", "purpose", "status", "body"] as const;

export default async function SmsOutboxPage() {
  if (!isSmsOutboxAvailable()) notFound();
  const messages = await listSmsOutbox(LIMIT);
  const [t, format] = await Promise.all([getTranslations("Dev.sms"), getFormatter()]);
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-5xl p-6 text-slate-900">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("intro", { limit: LIMIT })}</p>
      {messages.length === 0 ? (
        <p className="mt-6 text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <div className="mt-6 relative overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="bg-slate-100">
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c} scope="col" className={TH}>
                    {t(`columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td className={`${TD} whitespace-nowrap text-slate-600`}>{format.dateTime(m.createdAt, "precise")}</td>
                  <td className={`${TD} whitespace-nowrap font-mono`}>{m.to}</td>
                  <td className={TD}>{m.purpose}</td>
                  <td className={TD}>
                    {m.status}
                    {m.errorCode ? <span className="text-slate-600"> ({m.errorCode})</span> : null}
                  </td>
                  <td className={`${TD} min-w-48 break-words`}>{m.body}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
