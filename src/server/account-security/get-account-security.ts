import "server-only";
import { maskPhone } from "@/lib/phone";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import { attemptsLeft, resendWaitMs } from "@/server/verification/sms-code";
import { challengeState, findVerification } from "@/server/verification/verification-store";
import { maskEmail } from "@/lib/email";
import { backupEmailKey } from "./backup-email";
import { bindingKey, isBindingOpen } from "./internal/binding-rules";

export interface PendingBinding {
  maskedPhone: string;
  /** active: a code can be entered; expired / voided: a new one must be sent; none: the last send failed. */
  codeState: "active" | "expired" | "voided" | "none";
  attemptsLeft: number;
  /** 0 when a new code may be sent now. */
  resendWaitMs: number;
  /** False once the binding is older than BINDING_TTL_MS: start again with the password. */
  canResend: boolean;
}

export interface AccountSecurity {
  mobile: { masked: string; verifiedAt: Date } | null;
  /** The bound backup email address, masked (a•••@g•••.com). */
  backupEmail: string | null;
  /** An address waiting for its mailed code. */
  backupPending: { masked: string; codeState: "active" | "expired" | "voided" } | null;
  pending: PendingBinding | null;
  /** The questions in order (never the answers); empty when not set. */
  questions: string[];
}

/** What the Account Security page shows: masked numbers and question texts only. */
export async function getAccountSecurity(input: { accountId: string }): Promise<AccountSecurity | null> {
  const { accountId } = input;
  const [a, row, emailRow] = await Promise.all([
    getDb().mailAccount.findUnique({
      where: { id: accountId },
      select: {
        secureMobile: true,
        secureMobileVerifiedAt: true,
        backupEmail: true,
        backupEmailVerifiedAt: true,
        securityQuestions: { select: { question: true }, orderBy: { position: "asc" } },
      },
    }),
    findVerification(bindingKey(accountId)),
    findVerification(backupEmailKey(accountId)),
  ]);
  if (!a) return null;
  const at = now();
  const emailState = challengeState(emailRow, at);
  const codeState: PendingBinding["codeState"] = challengeState(row, at);
  // A binding left alone past its lifetime is forgotten, unless its code is still good.
  const showPending = !!row && (isBindingOpen(row, at) || codeState === "active");
  return {
    mobile: a.secureMobile && a.secureMobileVerifiedAt ? { masked: maskPhone(a.secureMobile), verifiedAt: a.secureMobileVerifiedAt } : null,
    pending: showPending
      ? {
          maskedPhone: maskPhone(row.destination),
          codeState,
          attemptsLeft: attemptsLeft(row),
          resendWaitMs: resendWaitMs(row, at),
          canResend: isBindingOpen(row, at),
        }
      : null,
    questions: a.securityQuestions.length >= 3 ? a.securityQuestions.map((q) => q.question) : [],
    backupEmail: a.backupEmail && a.backupEmailVerifiedAt ? maskEmail(a.backupEmail) : null,
    backupPending: emailRow && emailState !== "none" ? { masked: maskEmail(emailRow.destination), codeState: emailState } : null,
  };
}
