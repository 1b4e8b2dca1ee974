import "server-only";
import type { Actor } from "@/server/audit/record-audit-event";
import { sendSecurityNotice } from "@/server/notices/security-notice";
import type { RequestMeta } from "@/server/request-meta";

export interface MobileNoticeInput {
  account: { id: string };
  /** The number that stops being the secure mobile (it hears of it), or null for a first binding. */
  previous: string | null;
  /** The new number, or null when the binding was removed. */
  next: string | null;
  at: Date;
  meta: RequestMeta;
  actor: Actor;
}

/**
 * A change of the secure mobile, told to the OLD number (whoever took over a
 * session and rebinds the recovery phone is noticed by the owner) and to the
 * backup address, with a "This wasn't me" link (notices/security-notice.ts).
 */
export function sendMobileNotice(input: MobileNoticeInput): Promise<void> {
  const event = !input.next ? "mobile_removed" : input.previous ? "mobile_changed" : "mobile_bound";
  return sendSecurityNotice({
    accountId: input.account.id,
    event,
    previous: { mobile: input.previous },
    at: input.at,
    meta: input.meta,
    actor: input.actor,
  });
}
