import "server-only";
import type { SmsPurpose } from "@/generated/prisma/enums";
import { formatUtc } from "@/lib/format";
import type { Actor } from "@/server/audit/record-audit-event";
import { accountLocale } from "@/server/accounts/account-locale";
import { translatorFor } from "@/server/i18n/translator";
import { issueNotMeLink } from "@/server/notices/owner-link";
import { sendLockNotice, type LockNoticeInput } from "@/server/notices/lock-notice";
import { sendOperatorAlert, type OperatorAlertInput } from "@/server/notices/operator-alert";
import { componentLogger } from "@/server/observability/logger";
import type { RequestMeta } from "@/server/request-meta";
import { sendMobileNotice, type MobileNoticeInput } from "./send-mobile-notice";
import { sendResetNotice, type ResetNoticeInput } from "./send-reset-notice";
import { sendSms } from "./send-sms";

/**
 * What the postmaster did to an account, told to its owner's secure mobile
 * (the number that was bound before, when the postmaster removed it), and a
 * self-service reset told to the postmaster when the domain asks for it.
 * Each says what happened, to which address and when, and whom to contact;
 * never a secret. In the recipient's language; best effort, after the commit.
 */
export type AccountNoticeEvent = "disabled" | "mobile_removed" | "questions_cleared" | "self_service_reset" | "reported_not_me";

export interface AccountNoticeInput {
  /** Who receives it: the account the SmsMessage row belongs to, and its language. */
  recipient: { id: string; domainId: string; locale: string | null };
  to: string;
  event: AccountNoticeEvent;
  /** The account the notice is about. */
  address: string;
  at: Date;
  meta: RequestMeta;
  actor: Actor;
}

const PURPOSE: Record<AccountNoticeEvent, SmsPurpose> = {
  disabled: "ACCOUNT_NOTICE",
  mobile_removed: "MOBILE_NOTICE",
  questions_cleared: "ACCOUNT_NOTICE",
  self_service_reset: "RESET_NOTICE",
  reported_not_me: "ACCOUNT_NOTICE",
};

/** Notices to the account's own owner (not the postmaster's notice of someone else's reset): they carry "This wasn't me". */
const TO_OWNER: readonly AccountNoticeEvent[] = ["disabled", "mobile_removed", "questions_cleared"];

export async function sendAccountNotice(input: AccountNoticeInput): Promise<void> {
  try {
    const t = await translatorFor(accountLocale(input.recipient.locale, input.meta.locale));
    const what = t(`Sms.accountNotice.${input.event}`, { address: input.address, at: formatUtc(input.at) });
    const link = TO_OWNER.includes(input.event) ? await issueNotMeLink(input.recipient.id, input.event, input.at) : null;
    await sendSms({
      to: input.to,
      purpose: PURPOSE[input.event],
      body: link ? `${what} ${t("Sms.notMe", { link })}` : what,
      // Nothing secret in it but the one-use link, which is not stored outside local runs.
      redactedBody: link ? `${what} ${t("Sms.notMe", { link: "[link]" })}` : what,
      accountId: input.recipient.id,
      domainId: input.recipient.domainId,
      actor: input.actor,
      meta: input.meta,
    });
  } catch (e) {
    componentLogger("sms").error({ err: e, event: input.event }, "account notice failed");
  }
}

/** Every SMS a domain function asks to send once its change is committed. */
export type Notice =
  | ({ type: "reset" } & ResetNoticeInput)
  | ({ type: "account" } & AccountNoticeInput)
  /** The old number learns it is no longer the secure mobile. */
  | ({ type: "mobile" } & MobileNoticeInput)
  /** The cloud operator hears that a postmaster's owner reported a change it did not make (by email). */
  | ({ type: "operator" } & OperatorAlertInput)
  /** The account was locked after failed logons: its owner can unlock it from the notice. */
  | ({ type: "lock" } & LockNoticeInput);

export function sendNotice(notice: Notice): Promise<void> {
  if (notice.type === "reset") return sendResetNotice(notice);
  if (notice.type === "mobile") return sendMobileNotice(notice);
  if (notice.type === "operator") return sendOperatorAlert(notice);
  if (notice.type === "lock") return sendLockNotice(notice);
  return sendAccountNotice(notice);
}
