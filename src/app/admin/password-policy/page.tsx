import type { Metadata } from "next";
import { ActionButton } from "@/components/action-button";
import { PageHeader } from "@/components/admin/admin-ui";
import { KeywordAddForm, RecoverySettingsForm } from "@/components/admin/policy-forms";
import { Card } from "@/components/ui";
import { HISTORY_DEPTH, KEYWORD_MAX, KEYWORD_MIN, KEYWORDS_MAX_COUNT } from "@/lib/password-policy";
import { getDomainPolicy } from "@/server/admin/get-domain-policy";
import { requirePostmaster } from "@/web/guards";
import { addKeywordAction, removeKeywordAction, saveRecoverySettingsAction } from "./actions";

export const metadata: Metadata = { title: "Password Policy" };

/** The seed article's rules, word for word, then what the service adds to them. */
const ARTICLE_RULES = [
  "The password can be 8 to 64 characters in length.",
  "The password must contain three of the following: uppercase letters, lowercase letters, numbers, and special characters.",
  "Email address and weak password keywords set by postmasters are not allowed to be included in the password.",
];
const EXTRA_RULES = [
  "Only the letters, digits and special characters of a standard keyboard; no spaces.",
  "Not a commonly used password.",
  `Not one of the account's last ${HISTORY_DEPTH} passwords.`,
];

export default async function PasswordPolicyPage() {
  const user = await requirePostmaster();
  const policy = await getDomainPolicy(user.domainId);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Password Policy"
        trail={["Security", "Password Policy"]}
        description={`The rules every new password of ${policy.name} must follow: set by a postmaster, by self-service, or by the user.`}
      />

      <Card title="Password rules">
        <ul className="list-disc space-y-1.5 pl-5 text-sm text-slate-700">
          {[...ARTICLE_RULES, ...EXTRA_RULES].map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <p className="mt-3 text-xs text-slate-500">These rules are the same for every domain of the service and cannot be changed here.</p>
      </Card>

      <Card
        title="Weak password keywords"
        actions={
          <span className="text-sm text-slate-500">
            {policy.weakPasswordKeywords.length} of {KEYWORDS_MAX_COUNT}
          </span>
        }
      >
        <p className="text-sm text-slate-600">
          Passwords of this domain must not contain these words, in any case, nor with common substitutions such as 3 for e or @ for a. Each
          keyword has {KEYWORD_MIN} to {KEYWORD_MAX} characters; at most {KEYWORDS_MAX_COUNT}.
        </p>
        {policy.weakPasswordKeywords.length ? (
          <ul aria-label="Weak password keywords" className="mt-4 flex flex-wrap gap-2">
            {policy.weakPasswordKeywords.map((k) => (
              <li key={k} className="inline-flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 py-1 pl-3 pr-1">
                <span className="font-mono text-sm text-slate-800">{k}</span>
                <ActionButton
                  action={removeKeywordAction}
                  fields={{ keyword: k }}
                  label="Remove"
                  pendingText="…"
                  formLabel={`Remove ${k}`}
                  className="rounded px-2 py-0.5 text-xs font-medium text-slate-600 hover:bg-red-50 hover:text-red-700 disabled:opacity-50"
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-4 text-sm text-slate-500">No keywords yet.</p>
        )}
        <div className="mt-5 border-t border-slate-100 pt-4">
          <KeywordAddForm action={addKeywordAction} />
        </div>
      </Card>

      <Card title="Self-service recovery">
        <p className="mb-4 text-sm text-slate-600">
          Which ways employees may use to reset a forgotten password themselves with Forgot Password on the logon page.
        </p>
        <RecoverySettingsForm
          action={saveRecoverySettingsAction}
          allowSmsRecovery={policy.allowSmsRecovery}
          allowQuestionRecovery={policy.allowQuestionRecovery}
        />
      </Card>
    </div>
  );
}
