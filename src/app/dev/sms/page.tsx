import { notFound } from "next/navigation";
import { formatUtc } from "@/lib/format";
import { isSmsOutboxAvailable, listSmsOutbox } from "@/server/sms/list-sms-outbox";

export const dynamic = "force-dynamic";

export const metadata = { title: "SMS outbox (local development)" };

const TH = "border-b border-slate-300 px-3 py-2 text-left font-medium text-slate-700";
const TD = "border-b border-slate-200 px-3 py-2 align-top";

export default async function SmsOutboxPage() {
  if (!isSmsOutboxAvailable()) notFound();
  const messages = await listSmsOutbox(50);
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-5xl p-6 text-slate-900">
      <h1 className="text-2xl font-semibold">SMS outbox (local development)</h1>
      <p className="mt-2 text-sm text-slate-600">
        Messages sent with SMS_PROVIDER=console, newest first (latest 50). This page exists only on a local run: never with a real SMS
        provider or a public APP_URL.
      </p>
      {messages.length === 0 ? (
        <p className="mt-6 text-sm text-slate-600">No messages yet.</p>
      ) : (
        <table className="mt-6 w-full border-collapse text-sm">
          <thead className="bg-slate-100">
            <tr>
              <th className={TH}>Time</th>
              <th className={TH}>To</th>
              <th className={TH}>Purpose</th>
              <th className={TH}>Status</th>
              <th className={TH}>Body</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td className={`${TD} whitespace-nowrap text-slate-600`}>{formatUtc(m.createdAt, { seconds: true })}</td>
                <td className={`${TD} whitespace-nowrap font-mono`}>{m.to}</td>
                <td className={TD}>{m.purpose}</td>
                <td className={TD}>
                  {m.status}
                  {m.errorCode ? <span className="text-slate-500"> ({m.errorCode})</span> : null}
                </td>
                <td className={`${TD} break-words`}>{m.body}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
