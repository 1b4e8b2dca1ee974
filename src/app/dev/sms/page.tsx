import { notFound } from "next/navigation";
import { DevOutbox, OUTBOX_LIMIT, outboxMetadata } from "@/components/dev-outbox";
import { isSmsOutboxAvailable, listSmsOutbox } from "@/server/sms/list-sms-outbox";

export const dynamic = "force-dynamic";

export const generateMetadata = () => outboxMetadata("Dev.sms");

/** The local run's SMS outbox: what SMS_PROVIDER=console "sent" (codes included), like /dev/mail. */
export default async function SmsOutboxPage() {
  if (!isSmsOutboxAvailable()) notFound();
  return (
    <DevOutbox
      namespace="Dev.sms"
      messages={await listSmsOutbox(OUTBOX_LIMIT)}
      more={[{ key: "body", className: "min-w-48 break-words", cell: (m) => m.body }]}
    />
  );
}
