"use client";
import type { RecoveryMethod } from "@/generated/prisma/enums";
import { useId, useState } from "react";
import { Alert } from "@/components/ui";
import type { FormAction } from "@/lib/form-state";
import type { MethodChoice, SmsState } from "@/server/recovery/get-recovery-state";
import { RECOVERY_MESSAGES } from "@/lib/messages/recovery";
import { QuestionsPanel } from "./questions-panel";
import { SmsCodePanel } from "./sms-code-panel";

type Method = RecoveryMethod;

export interface VerifyStepProps {
  address: string;
  methods: MethodChoice;
  chosen: Method | null;
  sms: SmsState;
  questions: string[];
  actions: { sendCode: FormAction; verifyCode: FormAction; verifyAnswers: FormAction };
}

/** Step 2, "Verify identity": the methods this account has and its domain allows, as radio buttons. */
export function VerifyStep({ address, methods, chosen, sms, questions, actions }: VerifyStepProps) {
  const usable: Method[] = [
    ...(methods.sms ? ["SMS" as const] : []),
    ...(methods.questions && !methods.questions.blocked ? ["QUESTIONS" as const] : []),
  ];
  const [picked, setMethod] = useState<Method | null>(chosen ?? (usable.length === 1 ? usable[0] : null));
  // A method blocked meanwhile (the 5th failed question try) cannot stay chosen.
  const method = picked && usable.includes(picked) ? picked : null;
  return (
    <div className="space-y-5">
      <div>
        <h2 className="text-lg font-semibold text-slate-900">Verify identity</h2>
        <p className="mt-1 text-sm text-slate-600">
          Choose how to prove that <span className="font-medium text-slate-900">{address}</span> is yours.
        </p>
      </div>
      {methods.questions?.blocked ? <Alert kind="warning">{RECOVERY_MESSAGES.questionsBlocked}</Alert> : null}
      <fieldset className="space-y-2">
        <legend className="sr-only">Verification method</legend>
        {methods.sms ? (
          <MethodOption
            value="SMS"
            checked={method === "SMS"}
            onSelect={setMethod}
            label="Receive an SMS verification code on your secure mobile"
            detail={methods.sms.maskedPhone}
          />
        ) : null}
        {methods.questions ? (
          <MethodOption
            value="QUESTIONS"
            checked={method === "QUESTIONS"}
            onSelect={setMethod}
            label="Questions"
            detail={methods.questions.blocked ? "Blocked for 24 hours" : "Answer your security questions"}
            disabled={methods.questions.blocked}
          />
        ) : null}
      </fieldset>
      {method === "SMS" && methods.sms ? (
        <SmsCodePanel
          key={sms.sentAt ?? "none"}
          maskedPhone={methods.sms.maskedPhone}
          sms={sms}
          sendCode={actions.sendCode}
          verifyCode={actions.verifyCode}
        />
      ) : null}
      {method === "QUESTIONS" && methods.questions && !methods.questions.blocked ? (
        <QuestionsPanel questions={questions} verifyAnswers={actions.verifyAnswers} />
      ) : null}
    </div>
  );
}

interface MethodOptionProps {
  value: Method;
  checked: boolean;
  onSelect: (m: Method) => void;
  label: string;
  detail: string;
  disabled?: boolean;
}

function MethodOption({ value, checked, onSelect, label, detail, disabled }: MethodOptionProps) {
  const id = useId();
  return (
    <label
      htmlFor={id}
      className={`flex gap-3 rounded-md border p-3 ${disabled ? "cursor-not-allowed border-slate-200 bg-slate-50 opacity-70" : "cursor-pointer border-slate-300 hover:bg-slate-50"} has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-600/40`}
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
