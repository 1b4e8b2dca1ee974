import "server-only";
import { after } from "next/server";
import { sendResetNotice, type ResetNoticeInput } from "@/server/sms/send-reset-notice";

/** Sends a reset's SMS notice once the response has gone (the reset itself is already committed). */
export function sendNoticeAfterResponse(notice: ResetNoticeInput | null): void {
  if (notice) after(() => sendResetNotice(notice));
}
