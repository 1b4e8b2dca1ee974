"use client";

// Shared "new password + confirm" fields for every form that sets a password.
// The checklist is advice only: the server runs the same checkPassword and
// sends back `errors`, which are shown under the matching field.
//
// Without JavaScript the fields are plain password inputs: the policy is
// stated in words above them and the checklist lists every rule (neutral, as
// nothing is judged); "Generate password" needs the browser's crypto and only
// appears once JavaScript runs.
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { useHydrated } from "@/components/use-countdown";
import {
  checkPassword,
  generatePassword,
  policyContext,
  policyStatement,
  type PasswordPolicyView,
  type RuleStatus,
} from "@/lib/password-policy";
import type { MessageRef } from "@/lib/message-ref";
import { FieldErrors, inputClass, labelClass } from "@/components/ui";

export interface PasswordFieldsProps {
  email?: string | null;
  /** The account's rules (its domain's profile, keywords and name), as the server will judge them. */
  policy: PasswordPolicyView;
  /** Already in the reader's language; default "New password". */
  passwordLabel?: string;
  /** Already in the reader's language; default "Confirm password". */
  confirmLabel?: string;
  passwordName?: string;
  confirmName?: string;
  errors?: { password?: string[]; confirmPassword?: string[] };
  allowGenerate?: boolean;
}

/** One of the two controlled "new password" inputs (shown as text while a generated password is on screen). */
function NewPasswordInput(props: {
  id: string;
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  visible: boolean;
  invalid: boolean;
  describedBy?: string;
}) {
  return (
    <>
      <label htmlFor={props.id} className={labelClass}>
        {props.label}
      </label>
      <input
        id={props.id}
        name={props.name}
        type={props.visible ? "text" : "password"}
        autoComplete="new-password"
        required
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        className={inputClass}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
      />
    </>
  );
}

/** A message the pure policy module names (a "Password.*" key and its values), in the reader's language. */
function usePolicyText() {
  const t = useTranslations("Password");
  return (ref: MessageRef) => t(ref.key.replace(/^Password\./, "") as Parameters<typeof t>[0], ref.values);
}

function RuleItem({ rule, typed }: { rule: RuleStatus; typed: boolean }) {
  const t = useTranslations("Password");
  const text = usePolicyText();
  // Before anything is typed (and always without JavaScript) the list is the policy, unjudged;
  // the breach screening is the server's, when the form is sent.
  const [mark, color, state] =
    !typed || rule.state === "later"
      ? ["•", "text-slate-600", rule.state === "later" && typed ? t("ruleState.later") : null]
      : rule.state === "pass"
        ? ["✓", "text-green-700", t("ruleState.met")]
        : rule.state === "pending"
          ? ["…", "text-slate-600", t("ruleState.checking")]
          : ["✗", "text-red-700", t("ruleState.notMet")];
  return (
    <li className={`flex gap-2 ${color}`}>
      <span aria-hidden="true">{mark}</span>
      <span>
        {text(rule.label)}
        {state ? <span className="sr-only"> ({state})</span> : null}
      </span>
    </li>
  );
}

export function PasswordFields({
  email,
  policy,
  passwordLabel,
  confirmLabel,
  passwordName = "password",
  confirmName = "confirmPassword",
  errors,
  allowGenerate = false,
}: PasswordFieldsProps) {
  const t = useTranslations("Password");
  const text = usePolicyText();
  const hydrated = useHydrated();
  const id = useId();
  const ids = {
    policy: `${id}-policy`,
    pw: `${id}-pw`,
    pwRules: `${id}-pw-rules`,
    pwErr: `${id}-pw-err`,
    cf: `${id}-cf`,
    cfMatch: `${id}-cf-match`,
    cfErr: `${id}-cf-err`,
  };
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [visible, setVisible] = useState(false);
  const [generated, setGenerated] = useState<string | null>(null);
  const [copyNote, setCopyNote] = useState("");
  const [common, setCommon] = useState<ReadonlySet<string> | null>(null);

  useEffect(() => {
    // The list is large; fetch it after first paint instead of in the page bundle.
    let live = true;
    import("@/lib/password-policy/common-passwords").then((m) => {
      if (live) setCommon(m.loadCommonPasswords());
    });
    return () => {
      live = false;
    };
  }, []);

  const ctx = { ...policyContext(policy, email), commonPasswords: common };
  const result = checkPassword(password, ctx);
  const typed = password !== "";
  const pwErrors = errors?.password;
  const cfErrors = errors?.confirmPassword;
  const describe = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(" ") || undefined;

  function onGenerate() {
    const pw = generatePassword(ctx);
    setPassword(pw);
    setConfirm(pw);
    setVisible(true);
    setGenerated(pw);
    setCopyNote("");
  }

  async function onCopy() {
    if (!generated) return;
    try {
      await navigator.clipboard.writeText(generated);
      setCopyNote(t("copied"));
    } catch {
      setCopyNote(t("copyFailed"));
    }
  }

  return (
    <div className="space-y-4">
      <div>
        <p id={ids.policy} className="mb-3 text-sm text-slate-700">
          {text(policyStatement(policy.rules))}
          {policy.rules.characters === "unicode" ? <span className="mt-1 block text-slate-600">{t("policyOfflineNote")}</span> : null}
        </p>
        <NewPasswordInput
          id={ids.pw}
          label={passwordLabel ?? t("newPassword")}
          name={passwordName}
          value={password}
          onChange={setPassword}
          visible={visible}
          invalid={!!pwErrors?.length}
          describedBy={describe(ids.pwRules, !!pwErrors?.length && ids.pwErr)}
        />
        <FieldErrors id={ids.pwErr} errors={pwErrors} />
        <ul id={ids.pwRules} role="list" aria-label={t("requirements")} className="mt-2 space-y-1 text-sm">
          {result.rules.map((rule) => (
            <RuleItem key={rule.code} rule={rule} typed={typed} />
          ))}
        </ul>
      </div>

      {allowGenerate && hydrated && (
        <div className="space-y-2">
          <button
            type="button"
            onClick={onGenerate}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-blue-600/30"
          >
            {t("generate")}
          </button>
          {generated !== null && generated === password && (
            <div className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
              <div className="flex items-center gap-3">
                <code className="font-mono text-base break-all text-slate-900">{generated}</code>
                <button
                  type="button"
                  onClick={onCopy}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-600/30"
                >
                  {t("copy")}
                </button>
              </div>
              <p className="mt-1 text-slate-700">{t("generatedNote")}</p>
              {copyNote && (
                <p role="status" className="mt-1 text-slate-700">
                  {copyNote}
                </p>
              )}
            </div>
          )}
        </div>
      )}

      <div>
        <NewPasswordInput
          id={ids.cf}
          label={confirmLabel ?? t("confirmPassword")}
          name={confirmName}
          value={confirm}
          onChange={setConfirm}
          visible={visible}
          invalid={!!cfErrors?.length || (confirm !== "" && confirm !== password)}
          describedBy={describe(confirm !== "" && ids.cfMatch, !!cfErrors?.length && ids.cfErr)}
        />
        <FieldErrors id={ids.cfErr} errors={cfErrors} />
        {confirm !== "" && !cfErrors?.length && (
          <p id={ids.cfMatch} className={`mt-1 text-sm ${confirm === password ? "text-green-700" : "text-red-700"}`}>
            {confirm === password ? t("match") : t("noMatch")}
          </p>
        )}
      </div>
    </div>
  );
}

export default PasswordFields;
