import "server-only";
import { formatUtc } from "@/lib/format";
import type { Actor } from "@/server/audit/record-audit-event";
import type { RequestMeta } from "@/server/request-meta";
import { sendSms } from "./send-sms";

export type ResetBy = "postmaster" | "self_service" | "console";

export interface ResetNoticeInput {
  account: { id: string; address: string; secureMobile: string | null; domainId: string };
  by: ResetBy;
  at: Date;
  meta: RequestMeta;
  actor: Actor;
}

/** The notice text. It names who reset the password and when, never the password itself. */
function resetNoticeBody(address: string, by: ResetBy, at: Date): string {
  const how =
    by === "self_service"
      ? "was reset with Forgot Password"
      : by === "postmaster"
        ? "was reset by your administrator"
        : "was reset by your service provider";
  return `The password of ${address} ${how} on ${formatUtc(at)}. If you did not ask for this, contact your administrator.`;
}

/**
 * After any reset, tells the owner on the secure mobile, so a reset they did
 * not ask for is noticed. Best effort: called after the commit, never throws.
 */
export async function sendResetNotice(input: ResetNoticeInput): Promise<void> {
  const { account } = input;
  if (!account.secureMobile) return;
  try {
    const body = resetNoticeBody(account.address, input.by, input.at);
    await sendSms({
      to: account.secureMobile,
      purpose: "RESET_NOTICE",
      body,
      redactedBody: body, // nothing secret in it
      accountId: account.id,
      domainId: account.domainId,
      actor: input.actor,
      meta: input.meta,
    });
  } catch (e) {
    console.error("[sms] reset notice failed", e);
  }
}
