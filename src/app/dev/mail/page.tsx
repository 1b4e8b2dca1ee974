import { notFound } from "next/navigation";
import { DevOutbox, OUTBOX_LIMIT, outboxMetadata } from "@/components/dev-outbox";
import { isEmailOutboxAvailable, listEmailOutbox } from "@/server/email/list-email-outbox";

export const dynamic = "force-dynamic";

export const generateMetadata = () => outboxMetadata("Dev.mail");

/** The local run's mail outbox: what EMAIL_PROVIDER=console "sent" (codes included), like /dev/sms. */
export default async function MailOutboxPage() {
  if (!isEmailOutboxAvailable()) notFound();
  return (
    <DevOutbox
      namespace="Dev.mail"
      messages={await listEmailOutbox(OUTBOX_LIMIT)}
      more={[
        { key: "subject", cell: (m) => m.subject },
        { key: "body", className: "min-w-48 whitespace-pre-wrap break-words", cell: (m) => m.body },
      ]}
    />
  );
}
