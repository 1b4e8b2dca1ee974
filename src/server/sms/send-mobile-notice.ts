import "server-only";
import { maskPhone } from "@/lib/phone";
import type { Actor } from "@/server/audit/record-audit-event";
import type { RequestMeta } from "@/server/request-meta";
import { formatUtc } from "@/lib/format";
import { sendSms } from "./send-sms";

export interface MobileNoticeInput {
  account: { id: string; address: string; domainId: string };
  /** The number that stops being the secure mobile: the notice goes there. */
  previous: string;
  /** The new number (masked in the text), or null when the binding was removed. */
  next: string | null;
  at: Date;
  meta: RequestMeta;
  actor: Actor;
}

function mobileNoticeBody(address: string, next: string | null, at: Date): string {
  const what = next ? `was changed to ${maskPhone(next)}` : "was removed";
  return `The secure mobile of ${address} ${what} on ${formatUtc(at)}. If you did not do this, contact your administrator.`;
}

/**
 * Tells the OLD number that it is no longer the secure mobile: whoever took
 * over a session and rebinds the recovery phone is noticed by the owner.
 * Best effort, after the commit; never throws.
 */
export async function sendMobileNotice(input: MobileNoticeInput): Promise<void> {
  try {
    const body = mobileNoticeBody(input.account.address, input.next, input.at);
    await sendSms({
      to: input.previous,
      purpose: "MOBILE_NOTICE",
      body,
      redactedBody: body,
      accountId: input.account.id,
      domainId: input.account.domainId,
      actor: input.actor,
      meta: input.meta,
    });
  } catch (e) {
    console.error("[sms] mobile notice failed", e);
  }
}
