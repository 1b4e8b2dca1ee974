import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/action-button";
import { PageHeader } from "@/components/admin/admin-ui";
import { KeywordAddForm, RecoverySettingsForm, TwoStepPolicyForm } from "@/components/admin/policy-forms";
import { NistTable } from "@/components/admin/nist-table";
import { PasswordProfileForm } from "@/components/admin/password-profile-form";
import { ClientMessages } from "@/components/client-messages";
import { Card } from "@/components/ui";
import { KEYWORD_MAX, KEYWORD_MIN, KEYWORDS_MAX_COUNT, policyStatement } from "@/lib/password-policy";
import { nistComparison } from "@/lib/password-policy/nist-comparison";
import { translateLoose } from "@/web/i18n";
import { getDomainPolicy } from "@/server/admin/get-domain-policy";
import { requirePostmaster } from "@/web/guards";
import {
  addKeywordAction,
  removeKeywordAction,
  savePasswordProfileAction,
  saveRecoverySettingsAction,
  saveTwoStepPolicyAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Admin"))("nav.passwordPolicy") };
}

export default async function PasswordPolicyPage() {
  const user = await requirePostmaster();
  const [policy, t, tAll, format] = await Promise.all([
    getDomainPolicy({ domainId: user.domainId }),
    getTranslations("Admin"),
    getTranslations(),
    getFormatter(),
  ]);
  const statement = policyStatement(policy.rules);
  const nistRows = nistComparison(policy.rules, {
    twoStepForEveryone: policy.requireTwoStepForEmployees,
    questionRecovery: policy.allowQuestionRecovery,
    screening: policy.screening,
  }).map((r) => ({
    id: r.id,
    rule: translateLoose(tAll, r.rule.key, r.rule.values),
    clause: translateLoose(tAll, r.clause.key, r.clause.values),
    verdict: r.verdict,
    verdictText: t(`policy.verdict.${r.verdict}`),
  }));
  return (
    // The profile, keyword and recovery forms (and the Remove buttons) are client components.
    <ClientMessages namespaces={["Admin.policy", "Fields"]}>
      <div className="space-y-6">
        <PageHeader
          title={t("nav.passwordPolicy")}
          section={t("nav.security")}
          description={t("policy.description", { domain: policy.name })}
        />

        <Card title={t("policy.profileCard")}>
          <p className="mb-4 text-sm text-slate-600">{t("policy.profileHelp")}</p>
          <PasswordProfileForm action={savePasswordProfileAction} profile={policy.profile} custom={policy.custom} />
        </Card>

        <Card title={t("policy.nistCard")}>
          <p className="mb-2 text-sm text-slate-800" data-policy-statement>
            {translateLoose(tAll, statement.key, statement.values)}
          </p>
          <p className="mb-4 text-sm text-slate-600">{t("policy.nistHelp")}</p>
          <NistTable
            label={t("policy.nistCard")}
            headers={[t("policy.nistColumns.rule"), t("policy.nistColumns.clause"), t("policy.nistColumns.verdict")]}
            rows={nistRows}
          />
        </Card>

        <Card
          title={t("policy.keywordsCard")}
          actions={
            <span className="text-sm text-slate-600">
              {t("policy.keywordCount", { count: policy.weakPasswordKeywords.length, max: KEYWORDS_MAX_COUNT })}
            </span>
          }
        >
          <p className="text-sm text-slate-600">
            {t("policy.keywordsHelp", {
              min: format.number(KEYWORD_MIN),
              max: format.number(KEYWORD_MAX),
              count: format.number(KEYWORDS_MAX_COUNT),
            })}
          </p>
          {policy.weakPasswordKeywords.length ? (
            <ul aria-label={t("policy.keywordsList")} className="mt-4 flex flex-wrap gap-2">
              {policy.weakPasswordKeywords.map((k) => (
                <li
                  key={k}
                  className="inline-flex max-w-full items-center gap-2 rounded-md border border-slate-200 bg-slate-50 py-1 pl-3 pr-1"
                >
                  <span className="break-all font-mono text-sm text-slate-800">{k}</span>
                  <ActionButton
                    action={removeKeywordAction}
                    fields={{ keyword: k }}
                    label={t("policy.remove")}
                    pendingText="…"
                    formLabel={t("policy.removeLabel", { keyword: k })}
                    className="rounded px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-red-50 hover:text-red-700 focus:outline-none focus:ring-2 focus:ring-red-600/30 disabled:opacity-50"
                  />
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-4 text-sm text-slate-600">{t("policy.noKeywords")}</p>
          )}
          <div className="mt-5 border-t border-slate-100 pt-4">
            <KeywordAddForm action={addKeywordAction} />
          </div>
        </Card>

        <Card title={t("policy.recoveryCard")}>
          <p className="mb-4 text-sm text-slate-600">{t("policy.recoveryHelp")}</p>
          <RecoverySettingsForm
            action={saveRecoverySettingsAction}
            allowSmsRecovery={policy.allowSmsRecovery}
            allowQuestionRecovery={policy.allowQuestionRecovery}
            allowEmailRecovery={policy.allowEmailRecovery}
            notifyPostmasterOfSelfServiceResets={policy.notifyPostmasterOfSelfServiceResets}
          />
        </Card>

        <Card title={t("policy.twoStepCard")}>
          <TwoStepPolicyForm action={saveTwoStepPolicyAction} requireTwoStepForEmployees={policy.requireTwoStepForEmployees} />
        </Card>
      </div>
    </ClientMessages>
  );
}
