import "server-only";
import { formatUtc } from "@/lib/format";
import type { Actor } from "@/server/audit/record-audit-event";
import { accountLocale } from "@/server/accounts/account-locale";
import { translatorFor } from "@/server/i18n/translator";
import type { RequestMeta } from "@/server/request-meta";
import { sendSms } from "./send-sms";
import { componentLogger } from "@/server/observability/logger";

export type ResetBy = "postmaster" | "self_service" | "console";

export interface ResetNoticeInput {
  /** `locale`: the account's stored language (MailAccount.locale), null when it chose none. */
  account: { id: string; address: string; secureMobile: string | null; domainId: string; locale: string | null };
  by: ResetBy;
  at: Date;
  meta: RequestMeta;
  actor: Actor;
}

/**
 * After any reset, tells the owner on the secure mobile, so a reset they did
 * not ask for is noticed. In the owner's language (not the resetter's); it
 * names who reset the password and when, never the password itself. Best
 * effort: called after the commit, never throws.
 */
export async function sendResetNotice(input: ResetNoticeInput): Promise<void> {
  const { account } = input;
  if (!account.secureMobile) return;
  try {
    const t = await translatorFor(accountLocale(account.locale, input.meta.locale));
    const body = t(`Sms.resetNotice.${input.by}`, { address: account.address, at: formatUtc(input.at) });
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
    componentLogger("sms").error({ err: e }, "reset notice failed");
  }
}
