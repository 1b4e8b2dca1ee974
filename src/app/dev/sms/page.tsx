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
      labels={{ time: t("columns.time"), to: t("columns.to"), purpose: t("columns.purpose"), status: t("columns.status") }}
      formatTime={(at) => format.dateTime(at, "precise")}
      messages={messages}
      more={[{ key: "body", label: t("columns.body"), className: "min-w-48 break-words", cell: (m) => m.body }]}
    />
  );
}
