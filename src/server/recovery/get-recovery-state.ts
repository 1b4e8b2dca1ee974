import "server-only";
import type { RecoveryMethod } from "@/generated/prisma/enums";
import type { RecoveryFlow } from "@/generated/prisma/client";
import { maskEmail } from "@/lib/email";
import { maskPhone } from "@/lib/phone";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import { resendWaitMs } from "@/server/verification/sms-code";
import { findVerification } from "@/server/verification/verification-store";
import { canSelfServe, codeMethodOf, findRecoveryAccount, readRecoveryBlocks, recoveryMethods } from "./internal/recovery-account";
import { findRecoveryFlow } from "./internal/load-recovery-flow";
import { recoveryCodeKey } from "./internal/recovery-policy";
import type { PasswordPolicyView } from "@/lib/password-policy";
import { domainPasswordPolicy } from "@/server/passwords/domain-password-policy";

export interface MethodChoice {
  /** The masked secure mobile, e.g. "+1 ••• ••• 0101"; null when SMS cannot be used. */
  sms: { masked: string } | null;
  /** The masked backup email address, e.g. "a•••@g•••.com"; null when email cannot be used. */
  email: { masked: string } | null;
  questions: { blocked: boolean } | null;
  /** A code from the account's authenticator app. */
  totp: boolean;
  /** One of the app's recovery codes. */
  recoveryCode: boolean;
}

/** An account that uses two-step logon proves itself twice, by two different methods. */
export interface ProofProgress {
  needed: 1 | 2;
  /** The method that already passed in this flow (it is not offered again). */
  first: RecoveryMethod | null;
}

/** The flow's code: one at a time, by SMS or email. */
export interface CodeState {
  codeSent: boolean;
  /** The method the live code went by. */
  method: "SMS" | "EMAIL" | null;
  /** Time until "Resend code" is enabled, from the server's clock. */
  resendInMs: number;
  /** Identifies the code last sent (the countdown restarts for a new one). */
  sentAt: number | null;
}

/** Why the wizard is back at step 1 (the page words it): the state of an ended flow, or ?notice=. */
export type RecoveryNotice = "expired" | "too_many_codes" | "unavailable";

/** What the wizard page shows; derived from the flow row alone, nothing kept in the browser. */
export type RecoveryView =
  | { step: "account"; notice: RecoveryNotice | null }
  | {
      step: "verify";
      address: string;
      methods: MethodChoice;
      proofs: ProofProgress;
      chosen: RecoveryMethod | null;
      code: CodeState;
      questions: string[];
    }
  | { step: "reset"; address: string; policy: PasswordPolicyView }
  | { step: "done" };

const ENDED_NOTICE: Record<string, RecoveryNotice | null> = {
  too_many_codes: "too_many_codes",
  account_blocked: "unavailable",
  expired: "expired",
  grant_expired: "expired",
  password_changed: "expired",
  reported_not_me: "expired",
};

export async function getRecoveryState(input: { flowId: string | undefined }): Promise<RecoveryView> {
  const { flowId } = input;
  const flow = await findRecoveryFlow(flowId);
  if (!flow) return { step: "account", notice: null };
  if (flow.step === "DONE") return { step: "done" };
  const at = now();
  if (flow.completedAt || !flow.accountId) return { step: "account", notice: ENDED_NOTICE[flow.endedReason ?? ""] ?? null };
  const expired = at > flow.expiresAt || (flow.step === "RESET" && (!flow.grantExpiresAt || at > flow.grantExpiresAt));
  if (expired) return { step: "account", notice: "expired" };
  return flow.step === "RESET" ? resetView(flow) : verifyView(flow, flow.accountId, at);
}

async function resetView(flow: RecoveryFlow): Promise<RecoveryView> {
  const account = await findRecoveryAccount({ id: flow.accountId as string });
  if (!account) return { step: "account", notice: "expired" };
  return { step: "reset", address: account.address, policy: domainPasswordPolicy(account.domain) };
}

async function verifyView(flow: RecoveryFlow, accountId: string, at: Date): Promise<RecoveryView> {
  const [account, blocks, code] = await Promise.all([
    findRecoveryAccount({ id: accountId }),
    readRecoveryBlocks(accountId),
    findVerification(recoveryCodeKey(flow.id)),
  ]);
  if (!canSelfServe(account, blocks)) return { step: "account", notice: "unavailable" };
  const m = recoveryMethods(account, blocks);
  // The proof already passed is not offered again.
  const open = (method: RecoveryMethod) => method !== flow.firstMethod;
  const questions = m.questions
    ? (await getDb().securityQuestion.findMany({ where: { accountId }, orderBy: { position: "asc" }, select: { question: true } })).map(
        (q) => q.question,
      )
    : [];
  return {
    step: "verify",
    address: account.address,
    methods: {
      sms: m.sms && open("SMS") ? { masked: maskPhone(m.sms) } : null,
      email: m.email && open("EMAIL") ? { masked: maskEmail(m.email) } : null,
      questions: m.questions ? { blocked: m.questionsBlocked } : null,
      totp: m.totp && open("TOTP"),
      recoveryCode: m.recoveryCode && open("RECOVERY_CODE"),
    },
    proofs: { needed: m.proofsNeeded, first: flow.firstMethod },
    chosen: flow.method,
    code: {
      codeSent: Boolean(code?.codeSentAt && code.codeHash),
      method: code?.codeHash ? codeMethodOf(m, code.destination) : null,
      resendInMs: code ? resendWaitMs(code, at) : 0,
      sentAt: code?.codeSentAt?.getTime() ?? null,
    },
    questions,
  };
}
