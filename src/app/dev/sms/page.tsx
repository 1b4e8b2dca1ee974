import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { DevOutbox } from "@/components/dev-outbox";
import { isSmsOutboxAvailable, listSmsOutbox } from "@/server/sms/list-sms-outbox";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Dev.sms"))("title") };
}

const LIMIT = 50;

export default async function SmsOutboxPage() {
  if (!isSmsOutboxAvailable()) notFound();
  const messages = await listSmsOutbox(LIMIT);
  const [t, format] = await Promise.all([getTranslations("Dev.sms"), getFormatter()]);
  return (
    <DevOutbox
      title={t("title")}
      intro={t("intro", { limit: LIMIT })}
      empty={t("empty")}
      caption={t("caption")}
      columns={[
        { key: "time", label: t("columns.time"), className: "whitespace-nowrap text-slate-600" },
        { key: "to", label: t("columns.to"), className: "whitespace-nowrap font-mono" },
        { key: "purpose", label: t("columns.purpose") },
        { key: "status", label: t("columns.status") },
        { key: "body", label: t("columns.body"), className: "min-w-48 break-words" },
      ]}
      rows={messages.map((m) => ({
        id: m.id,
        cells: {
          time: format.dateTime(m.createdAt, "precise"),
          to: m.to,
          purpose: m.purpose,
          status: m.errorCode ? `${m.status} (${m.errorCode})` : m.status,
          body: m.body,
        },
      }))}
    />
  );
}
