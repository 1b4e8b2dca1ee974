import "server-only";
import { after } from "next/server";
import { sendNotice, type Notice } from "@/server/sms/account-notice";

/** Sends a change's SMS notices once the response has gone (the change itself is already committed). */
export function sendNoticeAfterResponse(notices: Notice | readonly Notice[] | null | undefined): void {
  const list = notices ? (Array.isArray(notices) ? notices : [notices as Notice]) : [];
  for (const n of list) after(() => sendNotice(n));
}
