import "server-only";
import { after } from "next/server";
import { sendNotice, type Notice } from "@/server/sms/account-notice";

/**
 * Sends a change's SMS notices once the response has gone (the change itself
 * is already committed), one after the other: a bulk action's hundreds of
 * notices never compete at once for the database pool and the SMS cap's lock.
 */
export function sendNoticeAfterResponse(notices: Notice | readonly Notice[] | null | undefined): void {
  const list = notices ? (Array.isArray(notices) ? notices : [notices as Notice]) : [];
  if (!list.length) return;
  after(async () => {
    for (const n of list) await sendNotice(n);
  });
}
