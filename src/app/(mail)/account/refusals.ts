import type { MessageKey } from "@/lib/message-ref";
import type { ConfirmBackupEmailResult, RemoveBackupEmailResult, StartBackupEmailResult } from "@/server/account-security/backup-email";
import type { ConfirmMobileBindingResult } from "@/server/account-security/confirm-mobile-binding";
import type { EndMySessionsResult } from "@/server/account-security/end-my-sessions";
import type { IssueBindingCodeResult } from "@/server/account-security/internal/issue-binding-code";
import type { RemoveSecureMobileResult } from "@/server/account-security/remove-secure-mobile";
import type { StartMobileBindingResult } from "@/server/account-security/start-mobile-binding";
import type { RefusalTable } from "@/web/refusals";

/** A result's refusal codes. */
type Code<R> = Extract<R, { ok: false; error: string }>["error"];

/** The codes every issuing step ("Send code", "Send a new code") can be refused with. */
type IssueCode = Code<IssueBindingCodeResult>;

const issue = {
  resend_wait: "Account.mobile.errors.resendWait",
  rate_limited: "Account.mobile.errors.rateLimited",
  no_pending: "Account.mobile.errors.bindingGone",
} as const satisfies Record<Exclude<IssueCode, "send_failed">, MessageKey>;

/**
 * Account Security's refusals, step by step: each code → its catalog key
 * (and the field it shows under). Not here: a refusal that carries its own
 * messages (the phone parser's, the question set's, the address's: "invalid"),
 * and "not_found" (the account is gone: back to Log On).
 */
export const ACCOUNT_REFUSALS = {
  /** Secure mobile > Send code. */
  mobileStart: {
    keys: {
      ...issue,
      same_number: "Account.mobile.errors.sameNumber",
      wrong_password: "Password.errors.currentWrong",
      send_failed: "Account.mobile.errors.sendFailedNew",
    } satisfies Record<Exclude<Code<StartMobileBindingResult>, "invalid_phone">, MessageKey>,
    fields: { same_number: "phone", wrong_password: "currentPassword", send_failed: "phone" },
  },
  /** Secure mobile > Send a new code. */
  mobileResend: {
    keys: { ...issue, send_failed: "Account.mobile.errors.sendFailedAgain" } satisfies Record<IssueCode, MessageKey>,
  },
  /** Secure mobile > Verify. */
  mobileConfirm: {
    keys: {
      wrong_code: "Account.mobile.errors.wrongCode",
      voided: "Account.mobile.errors.codeVoided",
      expired: "Account.mobile.errors.codeExpired",
      no_pending: "Account.mobile.errors.noCode",
    } satisfies Record<Exclude<Code<ConfirmMobileBindingResult>, "not_found">, MessageKey>,
    fields: { wrong_code: "code", voided: "code", expired: "code" },
  },
  /** Secure mobile > Remove. */
  mobileRemove: {
    keys: {
      wrong_password: "Password.errors.currentWrong",
      still_required: "Account.mobile.errors.stillRequired",
      not_bound: "Account.mobile.errors.noMobile",
    } satisfies Record<Code<RemoveSecureMobileResult>, MessageKey>,
    fields: { wrong_password: "currentPassword" },
  },
  /** Security questions > Save. */
  questions: {
    keys: { wrong_password: "Password.errors.currentWrong" } satisfies Record<"wrong_password", MessageKey>,
    fields: { wrong_password: "currentPassword" },
  },
  /** Sessions > End. */
  sessionEnd: {
    keys: {
      current: "Account.sessions.errors.current",
      not_found: "Account.sessions.errors.gone",
    } satisfies Record<Code<EndMySessionsResult>, MessageKey>,
  },
  /** Sessions > Trusted browsers > Forget. */
  browserForget: {
    keys: { gone: "Account.sessions.errors.trustGone" } satisfies Record<"gone", MessageKey>,
  },
  /** Backup email address > Send code. */
  backupEmailStart: {
    keys: {
      resend_wait: "Account.backupEmail.errors.resendWait",
      rate_limited: "Account.backupEmail.errors.rateLimited",
      send_failed: "Account.backupEmail.errors.sendFailed",
    } satisfies Record<Exclude<Code<StartBackupEmailResult>, "invalid">, MessageKey>,
    fields: { send_failed: "email" },
  },
  /** Backup email address > Verify. */
  backupEmailConfirm: {
    keys: {
      wrong_code: "Account.backupEmail.errors.wrongCode",
      expired: "Account.backupEmail.errors.expired",
      voided: "Account.backupEmail.errors.voided",
      no_pending: "Account.backupEmail.errors.noPending",
    } satisfies Record<Exclude<Code<ConfirmBackupEmailResult>, "not_found">, MessageKey>,
    fields: { wrong_code: "code", expired: "code", voided: "code" },
  },
  /** Backup email address > Remove. */
  backupEmailRemove: {
    keys: {
      wrong_password: "Password.errors.currentWrong",
      not_bound: "Account.backupEmail.errors.noPending",
    } satisfies Record<Code<RemoveBackupEmailResult>, MessageKey>,
    fields: { wrong_password: "currentPassword" },
  },
} satisfies Record<string, RefusalTable<string>>;
