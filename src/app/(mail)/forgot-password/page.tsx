import type { Metadata } from "next";
import { AccountStep } from "@/components/recovery/account-step";
import { keyOf, parseQuery, queryFlag, type RawQuery } from "@/lib/query";
import { DoneStep } from "@/components/recovery/done-step";
import { RecoveryShell } from "@/components/recovery/recovery-shell";
import { ResetStep } from "@/components/recovery/reset-step";
import { VerifyStep } from "@/components/recovery/verify-step";
import { getRecoveryState, type RecoveryView } from "@/server/recovery/get-recovery-state";
import { readRecoveryFlowId } from "@/web/recovery-cookie";
import { NOTICE_MESSAGES } from "@/lib/messages/recovery";
import { completeRecoveryAction, sendCodeAction, startRecoveryAction, verifyAnswersAction, verifyCodeAction } from "./actions";

export const metadata: Metadata = { title: "Forgot Password" };

const STEP_INDEX: Record<RecoveryView["step"], number> = { account: 0, verify: 1, reset: 2, done: 3 };

/**
 * One route for the whole wizard: the step comes from the flow row named by
 * the cookie, never from anything else the browser says (?done=1 only
 * chooses the confirmation to show when there is no running flow).
 */
export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const { notice, done } = parseQuery({ notice: keyOf({ expired: true }), done: queryFlag }, await searchParams);
  const state = await getRecoveryState(await readRecoveryFlowId());
  // Right after a reset the flow is closed and its cookie cleared; the action sends ?done=1.
  const view: RecoveryView = state.step === "account" && !state.notice && done ? { step: "done" } : state;
  return (
    <RecoveryShell
      current={STEP_INDEX[view.step]}
      startOver={view.step === "verify" || view.step === "reset"}
      backToLogOn={view.step !== "done"}
    >
      {view.step === "account" ? (
        <AccountStep
          action={startRecoveryAction}
          notice={view.notice ? NOTICE_MESSAGES[view.notice] : notice === "expired" ? NOTICE_MESSAGES.expired : null}
        />
      ) : view.step === "verify" ? (
        <VerifyStep
          address={view.address}
          methods={view.methods}
          chosen={view.chosen}
          sms={view.sms}
          questions={view.questions}
          actions={{ sendCode: sendCodeAction, verifyCode: verifyCodeAction, verifyAnswers: verifyAnswersAction }}
        />
      ) : view.step === "reset" ? (
        <ResetStep action={completeRecoveryAction} address={view.address} weakKeywords={view.weakKeywords} />
      ) : (
        <DoneStep />
      )}
    </RecoveryShell>
  );
}
