import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { AccountStep } from "@/components/recovery/account-step";
import { oneOf, parseQuery, queryFlag, type RawQuery } from "@/lib/query";
import { securityQuestionKey } from "@/lib/security-questions";
import { DoneStep } from "@/components/recovery/done-step";
import { RecoveryShell } from "@/components/recovery/recovery-shell";
import { ResetStep } from "@/components/recovery/reset-step";
import { VerifyStep } from "@/components/recovery/verify-step";
import { getRecoveryState, type RecoveryNotice, type RecoveryView } from "@/server/recovery/get-recovery-state";
import { getTranslator, translateLoose } from "@/web/i18n";
import { readRecoveryFlowId } from "@/web/recovery-cookie";
import {
  completeRecoveryAction,
  sendCodeAction,
  startRecoveryAction,
  verifyAnswersAction,
  verifyAppCodeAction,
  verifyCodeAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Recovery"))("title") };
}

/** What step 1 says when the wizard is back there (an ended flow, or ?notice=). */
const NOTICE_KEYS = {
  expired: "Recovery.notices.expired",
  too_many_codes: "Recovery.notices.too_many_codes",
  unavailable: "Recovery.notices.unavailable",
} as const satisfies Record<RecoveryNotice, string>;

const STEP_INDEX: Record<RecoveryView["step"], number> = { account: 0, verify: 1, reset: 2, done: 3 };

/**
 * One route for the whole wizard: the step comes from the flow row named by
 * the cookie, never from anything else the browser says (?done=1 only
 * chooses the confirmation to show when there is no running flow; ?method=
 * only which method's form to show, the choice made without JavaScript).
 */
export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const query = parseQuery(
    { notice: oneOf(["expired"]), done: queryFlag, method: oneOf(["SMS", "EMAIL", "TOTP", "RECOVERY_CODE", "QUESTIONS"]) },
    await searchParams,
  );
  const [state, t] = await Promise.all([readRecoveryFlowId().then((flowId) => getRecoveryState({ flowId })), getTranslator()]);
  // A stored question is one of the presets: shown in the reader's language (anything else as stored).
  const questionText = (stored: string) => {
    const key = securityQuestionKey(stored);
    return key ? translateLoose(t, key) : stored;
  };
  // Right after a reset the flow is closed and its cookie cleared; the action sends ?done=1.
  const view: RecoveryView = state.step === "account" && !state.notice && query.done ? { step: "done" } : state;
  const notice = view.step === "account" ? (view.notice ?? query.notice ?? null) : null;
  return (
    <RecoveryShell
      current={STEP_INDEX[view.step]}
      startOver={view.step === "verify" || view.step === "reset"}
      backToLogOn={view.step !== "done"}
    >
      {view.step === "account" ? (
        <ClientMessages namespaces={["Fields", "Recovery"]}>
          <AccountStep action={startRecoveryAction} notice={notice ? t(NOTICE_KEYS[notice]) : null} />
        </ClientMessages>
      ) : view.step === "verify" ? (
        <ClientMessages namespaces={["Recovery", "Sms"]}>
          <VerifyStep
            // A new choice for the second proof: the first one's method is gone (and a single one left is chosen).
            key={view.proofs.first ?? "first-proof"}
            address={view.address}
            methods={view.methods}
            proofs={view.proofs}
            chosen={view.chosen}
            requested={query.method ?? null}
            code={view.code}
            questions={view.questions.map(questionText)}
            actions={{
              sendCode: sendCodeAction,
              verifyCode: verifyCodeAction,
              verifyAnswers: verifyAnswersAction,
              verifyAppCode: verifyAppCodeAction,
            }}
          />
        </ClientMessages>
      ) : view.step === "reset" ? (
        <ClientMessages namespaces={["Recovery", "Password"]}>
          <ResetStep action={completeRecoveryAction} address={view.address} policy={view.policy} />
        </ClientMessages>
      ) : (
        <DoneStep />
      )}
    </RecoveryShell>
  );
}
