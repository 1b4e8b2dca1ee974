import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { DevOutbox } from "@/components/dev-outbox";
import { isEmailOutboxAvailable, listEmailOutbox } from "@/server/email/list-email-outbox";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Dev.mail"))("title") };
}

const LIMIT = 50;

/** The local run's mail outbox: what EMAIL_PROVIDER=console "sent" (codes included), like /dev/sms. */
export default async function MailOutboxPage() {
  if (!isEmailOutboxAvailable()) notFound();
  const messages = await listEmailOutbox(LIMIT);
  const [t, format] = await Promise.all([getTranslations("Dev.mail"), getFormatter()]);
  return (
    <DevOutbox
      title={t("title")}
      intro={t("intro", { limit: LIMIT })}
      empty={t("empty")}
      caption={t("caption")}
      labels={{ time: t("columns.time"), to: t("columns.to"), purpose: t("columns.purpose"), status: t("columns.status") }}
      formatTime={(at) => format.dateTime(at, "precise")}
      messages={messages}
      more={[
        { key: "subject", label: t("columns.subject"), cell: (m) => m.subject },
        { key: "body", label: t("columns.body"), className: "min-w-48 whitespace-pre-wrap break-words", cell: (m) => m.body },
      ]}
    />
  );
}
