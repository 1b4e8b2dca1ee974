"use client";
import type { RecoveryMethod } from "@/generated/prisma/enums";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert, secondaryButtonClass } from "@/components/ui";
import { useHydrated } from "@/components/use-countdown";
import type { FormAction } from "@/lib/form-state";
import type { CodeState, MethodChoice, ProofProgress } from "@/server/recovery/get-recovery-state";
import { AppCodePanel } from "./app-code-panel";
import { CodePanel } from "./code-panel";
import { QuestionsPanel } from "./questions-panel";
import { StepHeading } from "./step-heading";

type Method = RecoveryMethod;

export interface VerifyStepProps {
  address: string;
  methods: MethodChoice;
  proofs: ProofProgress;
  chosen: Method | null;
  /** The method named in the address (?method=): how the choice is made without JavaScript. */
  requested: Method | null;
  code: CodeState;
  questions: string[];
  actions: { sendCode: FormAction; verifyCode: FormAction; verifyAnswers: FormAction; verifyAppCode: FormAction };
}

/**
 * Step 2, "Verify identity": the methods this account has and its domain
 * allows, as radio buttons. With JavaScript choosing one shows its panel at
 * once; without, "Continue" loads the page again with ?method= (a GET: it
 * changes nothing on the server). An account that uses two-step logon
 * proves itself twice: "Proof 1 of 2", then the other methods only.
 */
export function VerifyStep({ address, methods, proofs, chosen, requested, code, questions, actions }: VerifyStepProps) {
  const t = useTranslations("Recovery");
  const live = useHydrated();
  // The radio buttons, in this order; a blocked one is shown but cannot be chosen.
  const options: MethodChoiceOption[] = [
    ...(methods.sms ? [{ value: "SMS" as const, label: t("verify.sms"), detail: methods.sms.masked }] : []),
    ...(methods.email ? [{ value: "EMAIL" as const, label: t("verify.email"), detail: methods.email.masked }] : []),
    ...(methods.totp ? [{ value: "TOTP" as const, label: t("verify.totp"), detail: t("verify.totpDetail") }] : []),
    ...(methods.recoveryCode
      ? [{ value: "RECOVERY_CODE" as const, label: t("verify.recoveryCode"), detail: t("verify.recoveryCodeDetail") }]
      : []),
    ...(methods.questions
      ? [
          {
            value: "QUESTIONS" as const,
            label: t("verify.questions"),
            detail: methods.questions.blocked ? t("verify.questionsBlockedDetail") : t("verify.questionsDetail"),
            disabled: methods.questions.blocked,
          },
        ]
      : []),
  ];
  const usable = options.filter((o) => !o.disabled).map((o) => o.value);
  const initial = [requested, chosen].find((m) => m && usable.includes(m)) ?? (usable.length === 1 ? usable[0] : null);
  const [picked, setMethod] = useState<Method | null>(initial);
  // A method blocked meanwhile (the 5th failed question try) cannot stay chosen.
  const method = picked && usable.includes(picked) ? picked : null;
  const codeTo = method === "SMS" ? methods.sms : method === "EMAIL" ? methods.email : null;
  return (
    <div className="space-y-5">
      <div>
        <StepHeading step={proofs.first ? "verify-2" : "verify"}>
          {t("steps.verify")}
          {proofs.needed === 2 ? (
            <span className="font-normal text-slate-600"> · {t("verify.proofOf", { n: proofs.first ? 2 : 1 })}</span>
          ) : null}
        </StepHeading>
        <p className="mt-1 text-sm text-slate-600">
          {t.rich(proofs.needed === 2 ? "verify.twoProofs" : "verify.intro", {
            address,
            addr: (chunks) => <span className="font-medium text-slate-900">{chunks}</span>,
          })}
        </p>
      </div>
      {proofs.first ? <Alert kind="success">{t("verify.firstPassed", { method: t(`methodNames.${proofs.first}`) })}</Alert> : null}
      {methods.questions?.blocked ? <Alert kind="warning">{t("errors.questionsBlocked")}</Alert> : null}
      <form method="get" action="/forgot-password" className="space-y-3">
        <fieldset className="space-y-2">
          <legend className="sr-only">{t("verify.legend")}</legend>
          {options.map((o) => (
            <MethodOption key={o.value} {...o} checked={method === o.value} onSelect={setMethod} />
          ))}
        </fieldset>
        {!live && usable.length > 1 ? (
          <button type="submit" className={secondaryButtonClass}>
            {t("verify.continue")}
          </button>
        ) : null}
      </form>
      {codeTo && (method === "SMS" || method === "EMAIL") ? (
        <CodePanel
          key={`${method}-${code.sentAt ?? "none"}`}
          method={method}
          masked={codeTo.masked}
          code={{ ...code, codeSent: code.codeSent && code.method === method }}
          sendCode={actions.sendCode}
          verifyCode={actions.verifyCode}
        />
      ) : null}
      {method === "TOTP" || method === "RECOVERY_CODE" ? (
        <AppCodePanel key={method} method={method} verify={actions.verifyAppCode} />
      ) : null}
      {method === "QUESTIONS" && methods.questions && !methods.questions.blocked ? (
        <QuestionsPanel questions={questions} verifyAnswers={actions.verifyAnswers} />
      ) : null}
    </div>
  );
}

interface MethodChoiceOption {
  value: Method;
  label: string;
  detail: string;
  disabled?: boolean;
}

interface MethodOptionProps extends MethodChoiceOption {
  checked: boolean;
  onSelect: (m: Method) => void;
}

function MethodOption({ value, checked, onSelect, label, detail, disabled }: MethodOptionProps) {
  const id = useId();
  return (
    <label
      htmlFor={id}
      className={`flex gap-3 rounded-md border p-3 ${disabled ? "cursor-not-allowed border-slate-200 bg-slate-50" : "cursor-pointer border-slate-300 hover:bg-slate-50"} has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-600/40`}
    >
      <input
        id={id}
        type="radio"
        name="method"
        value={value}
        checked={checked}
        disabled={disabled}
        onChange={() => onSelect(value)}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-detail`}
        className="mt-0.5 h-4 w-4 shrink-0 accent-blue-700"
      />
      <span>
        <span id={`${id}-label`} className="block text-sm font-medium text-slate-900">
          {label}
        </span>
        <span id={`${id}-detail`} className="block text-sm text-slate-600">
          {detail}
        </span>
      </span>
    </label>
  );
}
